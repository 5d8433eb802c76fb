'use server';
// Billing server actions, each through the mutation wrapper (auth, validation, rate limit, instrumentation).
// They parse, call lib/billing, and redirect; the plan itself only ever changes in the webhook.
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { defineAction } from '@/lib/server/mutation';
import { cardPaymentInput } from './card';
import { startCheckout } from './checkout';
import { httpDelivery } from './deliver';
import { payLocalCheckout } from './local-checkout';
import { appOrigin as requestOrigin } from './origin';
import { cancelLocalSubscription, changeLocalPlan, openPortal } from './portal';

const paidPlan = z.enum(['pro', 'team']);

export const startCheckoutAction = defineAction(
  { name: 'billing.checkout.start', input: z.object({ plan: paidPlan }), auth: 'workspace', rateLimit: { window: 60, max: 10 } },
  async ({ plan }, ctx) => {
    const { url } = await startCheckout({ userId: ctx.user.id, workspace: ctx.workspace, plan, origin: requestOrigin(ctx.headers) });
    redirect(url);
  },
);

export const payCheckoutAction = defineAction(
  { name: 'billing.checkout.pay', input: cardPaymentInput, auth: 'workspace', rateLimit: { window: 60, max: 10 } },
  async ({ sessionId, card }, ctx) => {
    const origin = requestOrigin(ctx.headers);
    await payLocalCheckout({
      sessionId,
      card,
      userId: ctx.user.id,
      workspaceId: ctx.workspace.id,
      origin,
      deliver: httpDelivery(origin),
    });
    redirect('/billing?checkout=success');
  },
);

export const changePlanAction = defineAction(
  { name: 'billing.plan.change', input: z.object({ plan: paidPlan }), auth: 'workspace', rateLimit: { window: 60, max: 10 } },
  async ({ plan }, ctx) => {
    const origin = requestOrigin(ctx.headers);
    await changeLocalPlan({
      userId: ctx.user.id,
      workspaceId: ctx.workspace.id,
      role: ctx.workspace.role,
      plan,
      deliver: httpDelivery(origin),
    });
    redirect('/billing?portal=updated');
  },
);

export const cancelSubscriptionAction = defineAction(
  { name: 'billing.subscription.cancel', input: z.object({}), auth: 'workspace', rateLimit: { window: 60, max: 10 } },
  async (_input, ctx) => {
    const origin = requestOrigin(ctx.headers);
    await cancelLocalSubscription({
      userId: ctx.user.id,
      workspaceId: ctx.workspace.id,
      role: ctx.workspace.role,
      deliver: httpDelivery(origin),
    });
    redirect('/billing?portal=canceled');
  },
);

export const openPortalAction = defineAction(
  { name: 'billing.portal.open', input: z.object({}), auth: 'workspace', rateLimit: { window: 60, max: 20 } },
  async (_input, ctx) => {
    const { url } = await openPortal({
      userId: ctx.user.id,
      workspaceId: ctx.workspace.id,
      role: ctx.workspace.role,
      origin: requestOrigin(ctx.headers),
    });
    redirect(url);
  },
);
