// Orbit's funnels, as data. The inbox computes them over local traffic (/dev/inbox/funnels); the same definitions
// can seed PostHog insights later. Steps match `$pageview` paths for now; once the event catalog lands, steps
// switch to catalog events (e.g. `{ event: 'auth.signed_up' }`) without changing the shape.

/** One step: an event, optionally narrowed to a page path (glob: `*` one segment, `**` any) and property values. */
export type FunnelStep = {
  event: string;
  label?: string;
  where?: { path?: string; properties?: Record<string, unknown> };
};

export type ConversionWindow = { value: number; unit: 'minute' | 'hour' | 'day' };

export type FunnelDefinition = {
  id: string;
  name: string;
  description: string;
  steps: readonly FunnelStep[];
  /** A person converts when every step happens, in order, within this time of the first step. */
  conversionWindow: ConversionWindow;
};

const pageview = (path: string, label: string): FunnelStep => ({ event: '$pageview', label, where: { path } });

export const funnels = [
  {
    id: 'acquisition-activation-revenue',
    name: 'Acquisition → activation → revenue',
    description: 'From the landing page to a paid plan: the journey the whole product exists for.',
    steps: [
      pageview('/', 'Visited the landing page'),
      pageview('/signup', 'Opened sign-up'),
      pageview('/onboarding/**', 'Started onboarding'),
      pageview('/dashboard', 'Reached the dashboard'),
      pageview('/checkout/*', 'Opened checkout'),
      pageview('/billing', 'Back on billing (paid)'),
    ],
    conversionWindow: { value: 14, unit: 'day' },
  },
  {
    id: 'onboarding',
    name: 'Onboarding',
    description: 'The three onboarding steps, then the first look at the dashboard.',
    steps: [
      pageview('/onboarding/workspace', 'Workspace'),
      pageview('/onboarding/profile', 'Profile'),
      pageview('/onboarding/project', 'First project'),
      pageview('/dashboard', 'Dashboard'),
    ],
    conversionWindow: { value: 1, unit: 'hour' },
  },
  {
    id: 'checkout',
    name: 'Checkout',
    description: 'Pricing page to a completed checkout.',
    steps: [pageview('/pricing', 'Pricing'), pageview('/checkout/*', 'Checkout'), pageview('/billing', 'Billing')],
    conversionWindow: { value: 1, unit: 'day' },
  },
] as const satisfies readonly FunnelDefinition[];

export type FunnelId = (typeof funnels)[number]['id'];

const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

export function windowMs(w: ConversionWindow): number {
  return w.value * UNIT_MS[w.unit];
}
