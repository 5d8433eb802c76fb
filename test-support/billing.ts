// Fixtures for billing tests: real rows in the test's in-memory database, and webhook requests signed the way
// Stripe signs them.
import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '@/lib/db';
import { newId } from '@/lib/db/ids';
import { members, subscriptions, users, workspaces, type MemberRole } from '@/lib/db/schema';
import { POST } from '@/app/api/webhooks/stripe/route';
import type { EventDelivery } from '@/lib/billing/deliver';
import { signPayload, type StripeFormatEvent } from '@/lib/billing/events';

export async function createWorkspaceWithOwner(role: MemberRole = 'owner') {
  const userId = newId('usr');
  await db.insert(users).values({ id: userId, name: 'Ada Buyer', email: `${userId}@example.test` });
  const [ws] = await db.insert(workspaces).values({ name: 'Acme', ownerId: userId }).returning();
  await db.insert(members).values({ workspaceId: ws!.id, userId, role });
  return { userId, workspaceId: ws!.id, role };
}

export async function subscriptionOf(workspaceId: string) {
  const [row] = await db.select().from(subscriptions).where(eq(subscriptions.workspaceId, workspaceId));
  return row ?? null;
}

export function webhookRequest(payload: string, signature: string | null): Request {
  const headers = new Headers({ 'content-type': 'application/json' });
  if (signature !== null) headers.set('stripe-signature', signature);
  return new Request('http://127.0.0.1/api/webhooks/stripe', { method: 'POST', headers, body: payload });
}

/** Posts an event to the webhook route handler, signed with the configured secret. */
export async function postEvent(event: StripeFormatEvent | Record<string, unknown>) {
  const payload = JSON.stringify(event);
  const response = await POST(webhookRequest(payload, signPayload(payload)));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A delivery that calls the route handler in-process and records what it sent. */
export function recordingDelivery(): EventDelivery & { sent: { event: StripeFormatEvent; status: number }[] } {
  const sent: { event: StripeFormatEvent; status: number }[] = [];
  const deliver = async (event: StripeFormatEvent) => {
    const { status } = await postEvent(event);
    sent.push({ event, status });
    if (status !== 200) throw new Error(`webhook answered ${status}`);
  };
  return Object.assign(deliver, { sent });
}
