// @ts-check
// The one decision of whether Orbit runs in local mode (embedded collector, /dev/inbox, local Sentry/PostHog
// targets). A pure function of the environment, in CommonJS so next.config.js can require it; the node and edge
// runtimes import it, and the browser bundle gets its answer at build time (NEXT_PUBLIC_LOCAL_INBOX, next.config.js).
// Production never falls into local mode by accident: only an explicit LOCAL_INBOX=1 turns it on there.

const ON = ['1', 'true', 'yes', 'on'];
const OFF = ['0', 'false', 'no', 'off'];

/**
 * LOCAL_INBOX as a tri-state: true/false when set to a recognised value, undefined when unset or unrecognised
 * (lib/env.ts refuses an unrecognised value at boot).
 * @param {string | boolean | undefined} value
 * @returns {boolean | undefined}
 */
function parseFlag(value) {
  if (typeof value === 'boolean') return value;
  const v = (value ?? '').trim().toLowerCase();
  if (ON.includes(v)) return true;
  if (OFF.includes(v)) return false;
  return undefined;
}

/**
 * @param {import('./local-mode').LocalModeEnv} env
 * @returns {import('./local-mode').LocalModeDecision}
 */
function decideLocalMode(env) {
  const forced = parseFlag(env.LOCAL_INBOX);
  if (forced === true) return { on: true, reason: 'forced' };
  if (forced === false) return { on: false, reason: 'disabled' };
  if (env.NODE_ENV === 'production') return { on: false, reason: 'production' };
  const keys = Boolean(env.NEXT_PUBLIC_POSTHOG_KEY || env.NEXT_PUBLIC_SENTRY_DSN || env.SENTRY_DSN);
  return keys ? { on: false, reason: 'keys' } : { on: true, reason: 'no-keys' };
}

/**
 * The variables the decision reads, from process.env. Each is named literally so the NEXT_PUBLIC_* ones are inlined
 * at build time in bundles, exactly as lib/env.ts sees them; the others are read at runtime.
 * @returns {import('./local-mode').LocalModeEnv}
 */
function localModeEnv() {
  return {
    NODE_ENV: process.env.NODE_ENV,
    LOCAL_INBOX: process.env.LOCAL_INBOX,
    NEXT_PUBLIC_POSTHOG_KEY: process.env.NEXT_PUBLIC_POSTHOG_KEY,
    NEXT_PUBLIC_SENTRY_DSN: process.env.NEXT_PUBLIC_SENTRY_DSN,
    SENTRY_DSN: process.env.SENTRY_DSN,
  };
}

module.exports = { decideLocalMode, localModeEnv, parseFlag };
