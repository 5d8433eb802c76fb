// Types of lib/local-mode.js (CommonJS, so next.config.js can require it).

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
export type LocalModeReason = 'forced' | 'disabled' | 'production' | 'keys' | 'no-keys';
export type LocalModeDecision = { on: boolean; reason: LocalModeReason };

export function decideLocalMode(env: LocalModeEnv): LocalModeDecision;
export function localModeEnv(): LocalModeEnv;
export function parseFlag(value: string | boolean | undefined): boolean | undefined;
