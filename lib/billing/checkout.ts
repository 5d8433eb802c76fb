// Starting a checkout: one checkout_sessions row, then the provider's hosted page (Orbit's own in local mode,
// Stripe Checkout otherwise). The plan changes only when the provider's webhook says the payment went through.
// A workspace has at most one payable checkout and one subscription.
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { db } from '@/lib/db';
import {
  checkoutSessions,
  subscriptions,
  workspaces,
  type CheckoutSession,
  type MemberRole,
  type Plan,
  type Subscription,
} from '@/lib/db/schema';
import { AppError } from '@/lib/server/errors';
import { effectivePlan, isPaidPlan, PLANS_CATALOG, type PaidPlanId } from './plans';
import { getBillingProvider, type BillingProvider } from './providers';
import type { CheckoutRedirect } from './providers/types';
import { assertCanManageBilling } from './subscription';

export type StartCheckoutInput = {
  userId: string;
  workspace: { id: string; role: MemberRole; plan: Plan };
  plan: PaidPlanId;
  origin: string;
  provider?: BillingProvider;
};

export const HAS_SUBSCRIPTION = 'Your workspace already has a subscription. Use Manage billing to change plans.';

/** True when the workspace's subscription row gives it a paid plan today. */
export const isSubscribed = (row: Pick<Subscription, 'plan' | 'status'> | null | undefined) =>
  Boolean(row && isPaidPlan(effectivePlan(row.plan, row.status)));

/**
 * One subscription per workspace, so one payable checkout per workspace: the one started last. Starting a checkout
 * expires the open ones, here and at the provider (a Stripe Checkout Session stays payable there until expired
 * there). One the provider reports paid cannot be expired: the workspace is about to be subscribed, and the new
 * checkout is refused.
 */
export async function startCheckout(input: StartCheckoutInput): Promise<{ url: string; sessionId: string }> {
  const { userId, workspace, plan, origin, provider = getBillingProvider() } = input;
  assertCanManageBilling(workspace.role);
  if (workspace.plan === plan) throw new AppError('conflict', `Your workspace is already on ${PLANS_CATALOG[plan].name}.`);
  if (workspace.plan !== 'free') throw new AppError('conflict', HAS_SUBSCRIPTION);

  // Under the workspace row lock: of two starts at once, the second sees (and replaces) the first.
  const { row, replaced, existing } = await db.transaction(async (tx) => {
    await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, workspace.id)).for('update');
    const [existing] = await tx.select().from(subscriptions).where(eq(subscriptions.workspaceId, workspace.id));
    if (isSubscribed(existing)) throw new AppError('conflict', HAS_SUBSCRIPTION);
    const replaced = await tx
      .update(checkoutSessions)
      .set({ status: 'expired', failureReason: 'replaced' })
      .where(and(eq(checkoutSessions.workspaceId, workspace.id), eq(checkoutSessions.status, 'open')))
      .returning({ id: checkoutSessions.id, provider: checkoutSessions.provider, externalId: checkoutSessions.externalId });
    const [row] = await tx
      .insert(checkoutSessions)
      .values({ workspaceId: workspace.id, userId, plan, provider: provider.name })
      .returning({ id: checkoutSessions.id });
    if (!row) throw new Error('checkout session insert returned no row');
    return { row, replaced, existing };
  });

  for (const old of replaced) {
    if (!old.externalId || old.provider !== provider.name) continue;
    const state = await provider.expireCheckout(old.externalId).catch((error: unknown) => {
      console.error('[billing] provider checkout expiry failed', error instanceof Error ? error.message : error);
      return 'unknown' as const;
    });
    if (state === 'expired') continue;
    // Still payable, or paid: it stays what it was, and this checkout does not happen.
    await db.update(checkoutSessions).set({ status: 'open', failureReason: null }).where(eq(checkoutSessions.id, old.id));
    await db.update(checkoutSessions).set({ status: 'failed', failureReason: 'replace_refused' }).where(eq(checkoutSessions.id, row.id));
    if (state === 'complete') throw new AppError('conflict', 'A checkout for this workspace was just paid. Your plan changes in a moment.');
    throw new AppError('internal', 'We could not start checkout. Please try again in a moment.');
  }

  let redirect: CheckoutRedirect;
  try {
    redirect = await provider.createCheckout({
      sessionId: row.id,
      workspaceId: workspace.id,
      userId,
      plan,
      customerId: existing?.provider === provider.name ? (existing.customerId ?? null) : null,
      origin,
    });
  } catch (error) {
    await db
      .update(checkoutSessions)
      .set({ status: 'failed', failureReason: 'provider_error' })
      .where(eq(checkoutSessions.id, row.id));
    console.error('[billing] provider checkout failed', error instanceof Error ? error.message : error);
    throw new AppError('internal', 'We could not start checkout. Please try again in a moment.');
  }
  if (redirect.externalId) {
    const [after] = await db
      .update(checkoutSessions)
      .set({ externalId: redirect.externalId })
      .where(eq(checkoutSessions.id, row.id))
      .returning({ status: checkoutSessions.status });
    // A start at the same moment replaced this checkout before the provider had it: take it back there too.
    if (after?.status !== 'open') {
      await provider.expireCheckout(redirect.externalId).catch(() => undefined);
      throw new AppError('conflict', 'Another checkout was started for this workspace.');
    }
  }
  return { url: redirect.url, sessionId: row.id };
}

/** A checkout session as its payer may see it: only the user who started it, in that workspace. */
export async function getCheckoutForPayer(
  sessionId: string,
  payer: { userId: string; workspaceId: string },
): Promise<CheckoutSession | null> {
  const [row] = await db
    .select()
    .from(checkoutSessions)
    .where(
      and(
        eq(checkoutSessions.id, sessionId),
        eq(checkoutSessions.workspaceId, payer.workspaceId),
        eq(checkoutSessions.userId, payer.userId),
      ),
    )
    .limit(1);
  return row ?? null;
}
