// Feature flags where the server decides: server components, server actions and route handlers. The answer is the
// one the browser was bootstrapped with for the same distinct id (the user id once signed in): posthog-node's local
// evaluation, a remote request bounded by a short timeout, or the code defaults (lib/analytics/server/flags.ts).
// Evaluation sends nothing about the person, so it needs no consent; exposure is reported by the browser SDK.
import 'server-only';
import { cache } from 'react';
import { getServerFlags, type FlagValue } from '@/lib/analytics/server/flags';
import type { FLAGS, FlagKey } from './definitions';

export type BooleanFlagKey = Extract<(typeof FLAGS)[number], { type: 'boolean' }>['key'];

/**
 * One evaluation per distinct id and request, however many components and handlers ask — the root layout's
 * bootstrap for posthog-js included (lib/telemetry/browser/server-bootstrap.ts), so a page that checks a flag for
 * the same visitor asks PostHog once.
 */
export const serverFlags = cache((distinctId: string) => getServerFlags(distinctId));

/** Whether a boolean flag is on for this distinct id. Never throws, never waits longer than the flag timeout. */
export async function isFeatureEnabled(key: BooleanFlagKey, distinctId: string): Promise<boolean> {
  return (await flagValue(key, distinctId)) === true;
}

/** A flag's value for this distinct id: the variant key of a multivariate flag, a boolean otherwise. */
export async function flagValue(key: FlagKey, distinctId: string): Promise<FlagValue> {
  const { featureFlags } = await serverFlags(distinctId);
  return featureFlags[key] ?? false;
}
