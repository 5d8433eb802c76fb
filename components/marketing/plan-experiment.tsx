'use client';
// Exposure of the pricing experiment (flag `pricing-page-layout`): the server already rendered the variant (no
// flicker); this records that it was seen (stamped when the page was shown, `trackView`), once per page view: `pricing.experiment_viewed` from the catalog and
// posthog-js's own `$feature_flag_called` (through useFlag).
import { useEffect } from 'react';
import { trackView } from '@/lib/telemetry/browser';
import type { FlagKey } from '@/lib/flags/definitions';
import { useFlag } from '@/providers/posthog-provider';

export function PlanExperimentExposure({ flag }: { flag: FlagKey }) {
  const value = useFlag(flag);
  useEffect(() => {
    if (typeof value === 'string') trackView('pricing.experiment_viewed', { flag_key: flag, variant: value });
  }, [flag, value]);
  return null;
}
