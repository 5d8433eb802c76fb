'use server';
// Billing server actions, each through the mutation wrapper (auth, validation, rate limit, instrumentation).
// They parse and call lib/billing; the ones that navigate redirect after the wrapper recorded the success
// (redirectOnSuccess). The plan itself only ever changes in the webhook.
import 'server-only';
import { z } from 'zod';
import { track } from '@/lib/analytics/server/mutation-events';
import { db } from '@/lib/db';
import { checkoutSessions } from '@/lib/db/schema';
import { defineAction, redirectOnSuccess } from '@/lib/server/mutation';
import { eq } from 'drizzle-orm';
import { cardPaymentInput } from './card';
import { startCheckout } from './checkout';
import { httpDelivery } from './deliver';
import { payLocalCheckout } from './local-checkout';
import { appOrigin as requestOrigin, webhookOrigin } from './origin';
import { planAmountCents } from './plans';
import { cancelLocalSubscription, changeLocalPlan, openPortal } from './portal';
import { assertLocalBilling, getBillingProvider } from './providers';

const paidPlan = z.enum(['pro', 'team']);

/** Redirects to the provider's page once checkout.started is recorded. */
export const startCheckoutAction = redirectOnSuccess(
  defineAction(
    { name: 'billing.checkout.start', input: z.object({ plan: paidPlan }), auth: 'workspace', rateLimit: { window: 60, max: 10 } },
    async ({ plan }, ctx) => startCheckout({ userId: ctx.user.id, workspace: ctx.workspace, plan, origin: requestOrigin(ctx.headers) }),
    ({ plan }, { sessionId }, ctx) =>
      track('checkout.started', {
        plan,
        provider: getBillingProvider().name,
        checkout_session_id: sessionId,
        workspace_id: ctx.workspace.id,
        amount_cents: planAmountCents(plan),
        currency: 'usd',
      }),
  ),
  ({ url }) => url,
);

/** Pays a local checkout, then redirects to /billing. */
export const payCheckoutAction = redirectOnSuccess(
  defineAction(
    { name: 'billing.checkout.pay', input: cardPaymentInput, auth: 'workspace', rateLimit: { window: 60, max: 10 } },
    async ({ sessionId, card }, ctx) => {
      assertLocalBilling();
      await payLocalCheckout({
        sessionId,
        card,
        userId: ctx.user.id,
        workspaceId: ctx.workspace.id,
        origin: requestOrigin(ctx.headers),
        deliver: httpDelivery(webhookOrigin()),
      });
    },
    {
      // A paid checkout is recorded by the webhook (checkout.completed); a declined card only here.
      error: async (input, error, ctx) => {
        if (!input || error.code !== 'payment_failed' || !ctx) return null;
        const [session] = await db.select({ plan: checkoutSessions.plan }).from(checkoutSessions).where(eq(checkoutSessions.id, input.sessionId));
        if (!session || session.plan === 'free') return null;
        return track('checkout.failed', {
          plan: session.plan,
          provider: 'local',
          reason: input.card.outcome.ok ? 'provider_error' : input.card.outcome.declineCode,
          checkout_session_id: input.sessionId,
          workspace_id: ctx.workspace.id,
        });
      },
    },
  ),
  () => '/billing?checkout=success',
);

/** Changes the plan in the local portal, then redirects to /billing. */
export const changePlanAction = redirectOnSuccess(
  defineAction(
    { name: 'billing.plan.change', input: z.object({ plan: paidPlan }), auth: 'workspace', rateLimit: { window: 60, max: 10 } },
    async ({ plan }, ctx) => {
      assertLocalBilling();
      await changeLocalPlan({
        userId: ctx.user.id,
        workspaceId: ctx.workspace.id,
        role: ctx.workspace.role,
        plan,
        deliver: httpDelivery(webhookOrigin()),
      });
    },
    // subscription.updated comes from the webhook the portal sends.
    false,
  ),
  () => '/billing?portal=updated',
);

/** Cancels the subscription in the local portal, then redirects to /billing. */
export const cancelSubscriptionAction = redirectOnSuccess(
  defineAction(
    { name: 'billing.subscription.cancel', input: z.object({}), auth: 'workspace', rateLimit: { window: 60, max: 10 } },
    async (_input, ctx) => {
      assertLocalBilling();
      await cancelLocalSubscription({
        userId: ctx.user.id,
        workspaceId: ctx.workspace.id,
        role: ctx.workspace.role,
        deliver: httpDelivery(webhookOrigin()),
      });
    },
    // subscription.canceled comes from the webhook the portal sends.
    false,
  ),
  () => '/billing?portal=canceled',
);

/** Redirects to the provider's billing portal. */
export const openPortalAction = redirectOnSuccess(
  defineAction(
    { name: 'billing.portal.open', input: z.object({}), auth: 'workspace', rateLimit: { window: 60, max: 20 } },
    async (_input, ctx) =>
      openPortal({
        userId: ctx.user.id,
        workspaceId: ctx.workspace.id,
        role: ctx.workspace.role,
        origin: requestOrigin(ctx.headers),
      }),
    false,
  ),
  ({ url }) => url,
);
