// Starting a checkout: one checkout_sessions row, then the provider's hosted page (Orbit's own in local mode,
// Stripe Checkout otherwise). The plan changes only when the provider's webhook says the payment went through.
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { db } from '@/lib/db';
import { checkoutSessions, type CheckoutSession, type MemberRole, type Plan } from '@/lib/db/schema';
import { AppError } from '@/lib/server/errors';
import { PLANS_CATALOG, type PaidPlanId } from './plans';
import { getBillingProvider, type BillingProvider } from './providers';
import { assertCanManageBilling, getSubscription } from './subscription';

export type StartCheckoutInput = {
  userId: string;
  workspace: { id: string; role: MemberRole; plan: Plan };
  plan: PaidPlanId;
  origin: string;
  provider?: BillingProvider;
};

export async function startCheckout(input: StartCheckoutInput): Promise<{ url: string; sessionId: string }> {
  const { userId, workspace, plan, origin, provider = getBillingProvider() } = input;
  assertCanManageBilling(workspace.role);
  if (workspace.plan === plan) throw new AppError('conflict', `Your workspace is already on ${PLANS_CATALOG[plan].name}.`);
  if (workspace.plan !== 'free') {
    throw new AppError('conflict', 'Your workspace already has a subscription. Use Manage billing to change plans.');
  }
  const existing = await getSubscription(workspace.id);
  const [row] = await db
    .insert(checkoutSessions)
    .values({ workspaceId: workspace.id, userId, plan, provider: provider.name })
    .returning({ id: checkoutSessions.id });
  if (!row) throw new Error('checkout session insert returned no row');

  try {
    const redirect = await provider.createCheckout({
      sessionId: row.id,
      workspaceId: workspace.id,
      userId,
      plan,
      customerId: existing?.provider === provider.name ? (existing.customerId ?? null) : null,
      origin,
    });
    if (redirect.externalId) {
      await db.update(checkoutSessions).set({ externalId: redirect.externalId }).where(eq(checkoutSessions.id, row.id));
    }
    return { url: redirect.url, sessionId: row.id };
  } catch (error) {
    await db
      .update(checkoutSessions)
      .set({ status: 'failed', failureReason: 'provider_error' })
      .where(eq(checkoutSessions.id, row.id));
    console.error('[billing] provider checkout failed', error instanceof Error ? error.message : error);
    throw new AppError('internal', 'We could not start checkout. Please try again in a moment.');
  }
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
