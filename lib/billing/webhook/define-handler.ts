// One handler per Stripe event type: a zod schema for the parts of `data.object` it uses, and a function that
// writes inside the webhook's transaction (so the event id and its effects commit together or not at all).
import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { TrackedEvent } from '@/lib/analytics/server/mutation-events';
import type { Tx } from '@/lib/db';
import { deletedSubscriptions } from '@/lib/db/schema';
import { AppError } from '@/lib/server/errors';

export type VerifiedEvent = { id: string; type: string; created: number };

/** A signed event whose payload lacks what the handler needs: answered 400 `invalid_payload`, nothing recorded. */
export const invalidPayload = (message: string) => new AppError('invalid_payload', message);

/**
 * Collects the analytics events of a delivery (built with `track`, lib/analytics/server/mutation-events.ts); the
 * mutation wrapper sends them once the delivery's transaction committed.
 */
export type RecordEvent = (event: TrackedEvent) => void;

export type WebhookHandler = (tx: Tx, object: unknown, event: VerifiedEvent, record: RecordEvent) => Promise<void>;

export function defineHandler<S extends z.ZodType>(
  schema: S,
  handle: (tx: Tx, object: z.infer<S>, event: VerifiedEvent, record: RecordEvent) => Promise<void>,
): WebhookHandler {
  return async (tx, object, event, record) => {
    const parsed = schema.safeParse(object);
    if (!parsed.success) {
      const where = parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
      throw invalidPayload(`${event.type}: unexpected data.object (${where})`);
    }
    await handle(tx, parsed.data, event, record);
  };
}

/**
 * A webhook has no cookie and no session: its events are about the buyer the checkout recorded
 * (metadata.userId → subscriptions.purchased_by), so revenue lands on the person who paid, joined with their browser
 * history by the user id they identified with; without a known buyer, on the workspace alone (personless).
 */
export function attributedTo(buyerId: string | null, workspaceId: string): Pick<TrackedEvent, 'groups' | 'about'> {
  return { groups: { workspace: workspaceId }, about: buyerId ? { userId: buyerId } : null };
}

/** When Stripe created the event. */
export function eventTime(event: VerifiedEvent): Date {
  return new Date(event.created * 1000);
}

/** True when the subscription row already reflects a newer event than this one (Stripe may deliver out of order). */
export function isStale(row: { lastEventAt: Date | null } | undefined, event: VerifiedEvent): boolean {
  return Boolean(row?.lastEventAt && row.lastEventAt.getTime() > eventTime(event).getTime());
}

/** Stripe metadata: string → string. */
export const metadataSchema = z.record(z.string(), z.string()).nullish().transform((m) => m ?? {});

/** Whether Stripe already reported this subscription deleted (see `deletedSubscriptions`): it grants nothing any more. */
export async function wasDeleted(tx: Tx, subscriptionId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: deletedSubscriptions.subscriptionId })
    .from(deletedSubscriptions)
    .where(eq(deletedSubscriptions.subscriptionId, subscriptionId));
  return Boolean(row);
}
