// Server-side feature flag evaluation: what bootstraps posthog-js so the first paint already shows the right variant,
// and what server components, server actions and route handlers branch on (lib/flags/server.ts).
// - With POSTHOG_PERSONAL_API_KEY (and always in local mode, where the local collector serves the definitions from
//   lib/flags): posthog-node's local evaluation (definitions polled in the background, no request per call).
// - With a key only: one remote /flags request, bounded by a short timeout.
// - Analytics off: Orbit's code-defined flags (lib/flags), the same answers PostHog gives for the same definitions.
// Any failure or timeout falls back to the code defaults — a render never waits on PostHog for long — and is counted;
// the analytics client reports the count as `flags.fallback_used` (one event per interval, not one per call).
import 'server-only';
import { FLAGS } from '@/lib/flags/definitions';
import { evaluateFlags } from '@/lib/flags/evaluate';
import { serverAnalytics } from './client';
import type { FlagFallbackReason } from './loss-reports';
import { flushAfterResponse } from './flush-after';

export type FlagValue = boolean | string;
export type ServerFlags = {
  featureFlags: Record<string, FlagValue>;
  featureFlagPayloads: Record<string, unknown>;
  /** Where the answer came from: useful in the inbox and in tests. */
  source: 'code' | 'posthog-local' | 'posthog-remote' | 'fallback';
};

/** The code-defined flags for one distinct id, in posthog-js's bootstrap shape. */
function codeFlags(distinctId: string): Omit<ServerFlags, 'source'> {
  const featureFlags: Record<string, FlagValue> = {};
  const featureFlagPayloads: Record<string, unknown> = {};
  for (const result of Object.values(evaluateFlags(distinctId))) {
    featureFlags[result.key] = result.value;
    if (result.payload !== undefined) featureFlagPayloads[result.key] = result.payload;
  }
  return { featureFlags, featureFlagPayloads };
}

const DEFAULT_TIMEOUT_MS = 300;

function fallback(distinctId: string, reason: FlagFallbackReason): ServerFlags {
  const analytics = serverAnalytics();
  analytics.noteFlagFallback(reason);
  flushAfterResponse();
  return { ...codeFlags(distinctId), source: 'fallback' };
}

export async function getServerFlags(distinctId: string, { timeoutMs = DEFAULT_TIMEOUT_MS }: { timeoutMs?: number } = {}): Promise<ServerFlags> {
  const analytics = serverAnalytics();
  const posthog = analytics.posthog;
  if (!posthog) return { ...codeFlags(distinctId), source: 'code' };
  const local = Boolean(analytics.config.personalApiKey);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const answer = await Promise.race([
      posthog.getAllFlagsAndPayloads(distinctId, { onlyEvaluateLocally: local }),
      new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), timeoutMs);
      }),
    ]);
    if (answer === null) return fallback(distinctId, 'timeout');
    const answered = answer.featureFlags;
    if (!answered) return fallback(distinctId, 'error');
    // Flags PostHog does not answer (definitions not loaded yet, or not created there) keep their code default.
    const defaults = codeFlags(distinctId);
    if (FLAGS.some((flag) => !(flag.key in answered))) {
      analytics.noteFlagFallback('not_loaded');
      flushAfterResponse();
    }
    return {
      featureFlags: { ...defaults.featureFlags, ...answered },
      featureFlagPayloads: { ...defaults.featureFlagPayloads, ...answer.featureFlagPayloads },
      source: local ? 'posthog-local' : 'posthog-remote',
    };
  } catch {
    return fallback(distinctId, 'error');
  } finally {
    clearTimeout(timer);
  }
}
