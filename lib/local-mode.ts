// The one decision of whether Orbit runs in local mode (embedded collector, /dev/inbox, local Sentry/PostHog
// targets). A pure function of the environment, read when the server starts: lib/env.ts (node) and the edge runtime
// import it, and the browser gets the server's answer in the page (lib/telemetry/browser/server-bootstrap.ts).
// Production never falls into local mode by accident: only an explicit LOCAL_INBOX=1 turns it on there.

export type LocalModeEnv = {
  NODE_ENV?: string;
  /** '1'/'true'/'yes'/'on' forces local mode on, '0'/'false'/'no'/'off' forces it off; lib/env.ts passes a boolean. */
  LOCAL_INBOX?: string | boolean;
  NEXT_PUBLIC_POSTHOG_KEY?: string;
  NEXT_PUBLIC_SENTRY_DSN?: string;
  SENTRY_DSN?: string;
};

/**
 * forced: LOCAL_INBOX=1 · disabled: LOCAL_INBOX=0 · production: NODE_ENV=production without LOCAL_INBOX=1 ·
 * keys: a PostHog key or Sentry DSN is configured · no-keys: development/test with neither.
 */
type LocalModeReason = 'forced' | 'disabled' | 'production' | 'keys' | 'no-keys';
export type LocalModeDecision = { on: boolean; reason: LocalModeReason };

const ON = ['1', 'true', 'yes', 'on'];
const OFF = ['0', 'false', 'no', 'off'];

/**
 * LOCAL_INBOX as a tri-state: true/false when set to a recognised value, undefined when unset or unrecognised
 * (lib/env.ts refuses an unrecognised value at boot).
 */
function parseFlag(value: string | boolean | undefined): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const v = (value ?? '').trim().toLowerCase();
  if (ON.includes(v)) return true;
  if (OFF.includes(v)) return false;
  return undefined;
}

export function decideLocalMode(env: LocalModeEnv): LocalModeDecision {
  const forced = parseFlag(env.LOCAL_INBOX);
  if (forced === true) return { on: true, reason: 'forced' };
  if (forced === false) return { on: false, reason: 'disabled' };
  if (env.NODE_ENV === 'production') return { on: false, reason: 'production' };
  const keys = Boolean(env.NEXT_PUBLIC_POSTHOG_KEY || env.NEXT_PUBLIC_SENTRY_DSN || env.SENTRY_DSN);
  return keys ? { on: false, reason: 'keys' } : { on: true, reason: 'no-keys' };
}

/**
 * The variables the decision reads, from process.env when the server starts. Computed keys: a literal
 * `process.env.NEXT_PUBLIC_X` is inlined by `next build`, which would fix the decision at build time.
 */
export function localModeEnv(): LocalModeEnv {
  const e: Record<string, string | undefined> = process.env;
  const read = (name: string) => e[name];
  return {
    NODE_ENV: process.env.NODE_ENV,
    LOCAL_INBOX: read('LOCAL_INBOX'),
    NEXT_PUBLIC_POSTHOG_KEY: read('NEXT_PUBLIC_POSTHOG_KEY'),
    NEXT_PUBLIC_SENTRY_DSN: read('NEXT_PUBLIC_SENTRY_DSN'),
    SENTRY_DSN: read('SENTRY_DSN'),
  };
}
