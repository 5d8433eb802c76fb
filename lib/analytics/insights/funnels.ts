// Orbit's funnels over catalog events. The inbox computes them over local traffic (/dev/inbox/funnels), the
// provisioner writes them to PostHog as funnel insights, e2e/support/funnels.ts asserts them on a real journey.
import { ONBOARDING_STEPS, STEP_LABELS } from '@/lib/onboarding/steps';
import type { ConversionWindow, FunnelDefinition } from './types';

export const funnels = [
  {
    key: 'acquisition',
    name: 'Acquisition → activation',
    question: 'Of the visitors who land on a marketing page, how many click a CTA, sign up, finish onboarding and complete a first task?',
    steps: [
      { event: 'marketing.visit_landing', label: 'Landed on a marketing page' },
      { event: 'marketing.cta_clicked', label: 'Clicked a CTA' },
      { event: 'auth.signed_up', label: 'Signed up' },
      { event: 'onboarding.completed', label: 'Completed onboarding' },
      { event: 'task.completed', label: 'Completed a first task' },
    ],
    conversionWindow: { value: 14, unit: 'day' },
  },
  {
    key: 'checkout',
    name: 'Checkout',
    question: 'Of the people who pick a plan, how many start a checkout and how many pay?',
    steps: [
      { event: 'pricing.plan_selected', label: 'Selected a plan' },
      { event: 'checkout.started', label: 'Started checkout' },
      { event: 'checkout.completed', label: 'Completed checkout' },
    ],
    conversionWindow: { value: 1, unit: 'day' },
    // One click sends `pricing.plan_selected` (browser) and `checkout.started` (server) milliseconds apart; the
    // browser's timestamp is corrected by its request's latency, so their stored order is not reliable.
    order: 'unordered',
  },
  {
    key: 'onboarding',
    name: 'Onboarding, step by step',
    question: 'Which onboarding step loses people? (A skipped step still reaches the next one.)',
    steps: [
      ...ONBOARDING_STEPS.map((step) => ({
        event: 'onboarding.step_viewed' as const,
        label: `Saw “${STEP_LABELS[step]}”`,
        properties: [{ key: 'step', operator: 'exact' as const, value: step }],
      })),
      { event: 'onboarding.completed', label: 'Completed onboarding' },
    ],
    conversionWindow: { value: 1, unit: 'hour' },
  },
] as const satisfies readonly FunnelDefinition[];

export type FunnelKey = (typeof funnels)[number]['key'];

export function funnelByKey(key: FunnelKey): FunnelDefinition {
  return funnels.find((f) => f.key === key)!;
}

const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

export function windowMs(w: ConversionWindow): number {
  return w.value * UNIT_MS[w.unit];
}
