// Orbit's feature flags, defined in code: the local collector answers /flags from here, and the PostHog client
// and server integrations read the same keys. Adding a flag is one entry below (mirror it in PostHog when a
// project key is configured: same key, same rollout, same variants).
import { z } from 'zod';

type FlagVariant = { key: string; rolloutPercentage: number };

export type FlagDefinition = {
  key: string;
  description: string;
  type: 'boolean' | 'multivariate';
  /** Share of distinct ids (0–100) for whom the flag is on at all. */
  rolloutPercentage: number;
  /** Multivariate only; percentages add up to 100. */
  variants?: readonly FlagVariant[];
  /** JSON payloads by variant key (multivariate) or `"true"` (boolean). */
  payloads?: Readonly<Record<string, unknown>>;
};

const percentage = z.number().min(0).max(100);
const flagDefinitionSchema = z
  .object({
    key: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'flag keys are kebab-case'),
    description: z.string().min(1),
    type: z.enum(['boolean', 'multivariate']),
    rolloutPercentage: percentage,
    variants: z.array(z.object({ key: z.string().min(1), rolloutPercentage: percentage })).optional(),
    payloads: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((flag, ctx) => {
    if (flag.type === 'multivariate') {
      const total = (flag.variants ?? []).reduce((sum, v) => sum + v.rolloutPercentage, 0);
      if (!flag.variants?.length || Math.abs(total - 100) > 1e-9) {
        ctx.addIssue({ code: 'custom', message: `${flag.key}: variants must add up to 100 (got ${total})` });
      }
    } else if (flag.variants) {
      ctx.addIssue({ code: 'custom', message: `${flag.key}: a boolean flag has no variants` });
    }
  });

export const FLAGS = [
  {
    key: 'pricing-page-layout',
    description: 'Experiment: the pricing page with plans side by side (control) or a comparison table first (test).',
    type: 'multivariate',
    rolloutPercentage: 100,
    variants: [
      { key: 'control', rolloutPercentage: 50 },
      { key: 'test', rolloutPercentage: 50 },
    ],
  },
  {
    key: 'new-onboarding-checklist',
    description: 'Shows the new onboarding checklist on the dashboard instead of the welcome card.',
    type: 'boolean',
    rolloutPercentage: 50,
  },
] as const satisfies readonly FlagDefinition[];

export type FlagKey = (typeof FLAGS)[number]['key'];

// A broken definition fails at import (and in the unit tests), never silently at evaluation time.
z.array(flagDefinitionSchema).parse(FLAGS);
