// Server-side feature flag evaluation: what bootstraps posthog-js so the first paint already shows the right variant.
// - Local mode (no project key): Orbit's code-defined flags (lib/flags), the same answers the local collector's
//   /flags endpoint gives posthog-js.
// - With a key and POSTHOG_PERSONAL_API_KEY: posthog-node's local evaluation (definitions polled in the background,
//   no request per render).
// - With a key only: one remote /flags request, bounded by a short timeout.
// Any failure or timeout falls back to the code defaults: a page render never waits on PostHog for long.
import 'server-only';
import { evaluateFlags } from '@/lib/flags/evaluate';
import { serverAnalytics } from './client';

export type FlagValue = boolean | string;
export type ServerFlags = {
  featureFlags: Record<string, FlagValue>;
  featureFlagPayloads: Record<string, unknown>;
  /** Where the answer came from: useful in the inbox and in tests. */
  source: 'code' | 'posthog-local' | 'posthog-remote' | 'fallback';
};

/** The code-defined flags for one distinct id, in posthog-js's bootstrap shape. */
export function codeFlags(distinctId: string): Omit<ServerFlags, 'source'> {
  const featureFlags: Record<string, FlagValue> = {};
  const featureFlagPayloads: Record<string, unknown> = {};
  for (const result of Object.values(evaluateFlags(distinctId))) {
    featureFlags[result.key] = result.value;
    if (result.payload !== undefined) featureFlagPayloads[result.key] = result.payload;
  }
  return { featureFlags, featureFlagPayloads };
}

const DEFAULT_TIMEOUT_MS = 300;

export async function getServerFlags(distinctId: string, { timeoutMs = DEFAULT_TIMEOUT_MS }: { timeoutMs?: number } = {}): Promise<ServerFlags> {
  const analytics = serverAnalytics();
  const posthog = analytics.posthog;
  if (analytics.mode !== 'posthog' || !posthog) return { ...codeFlags(distinctId), source: 'code' };
  const local = Boolean(analytics.config.personalApiKey);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const answer = await Promise.race([
      posthog.getAllFlagsAndPayloads(distinctId, { onlyEvaluateLocally: local }),
      new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), timeoutMs);
      }),
    ]);
    if (!answer?.featureFlags) return { ...codeFlags(distinctId), source: 'fallback' };
    // Flags PostHog does not know (not created there yet) keep their code default.
    const defaults = codeFlags(distinctId);
    return {
      featureFlags: { ...defaults.featureFlags, ...answer.featureFlags },
      featureFlagPayloads: { ...defaults.featureFlagPayloads, ...answer.featureFlagPayloads },
      source: local ? 'posthog-local' : 'posthog-remote',
    };
  } catch {
    return { ...codeFlags(distinctId), source: 'fallback' };
  } finally {
    clearTimeout(timer);
  }
}
