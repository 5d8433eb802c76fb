// The billing server actions under hostile input, through the harness in test-support/fuzz/actions.ts (the actions are split
// over three files so Vitest's workers share the fuzzing).
import { vi } from 'vitest';

vi.mock('next/headers', () => import('@/test-support/next-request'));
vi.mock('next/cache', () => import('@/test-support/next-request'));

const billing = await import('@/lib/billing/actions');
const { fuzzServerActions } = await import('./actions');
type Action = import('./actions').Action;

fuzzServerActions({
  'billing.startCheckoutAction': billing.startCheckoutAction as Action,
  'billing.payCheckoutAction': billing.payCheckoutAction as Action,
  'billing.changePlanAction': billing.changePlanAction as Action,
  'billing.cancelSubscriptionAction': billing.cancelSubscriptionAction as Action,
  'billing.openPortalAction': billing.openPortalAction as Action,
});
