// Consent: the mode the deployment chose, the visitor's stored choice and the browser's privacy signals decide
// whether PostHog may load. The decisions are pure and tiny (the server reads the mode and the cookie too); the state
// machine at the end runs in first-load code, before any SDK, and owns the `orbit_consent` cookie.
import { ANALYTICS_KINDS, type QueuedItem, type TelemetryState } from './state';

const CONSENT_MODES = ['opt-in', 'opt-out', 'off'] as const;
export type ConsentMode = (typeof CONSENT_MODES)[number];
/** granted: PostHog loads; denied: it never loads (or stops); pending: opt-in mode, nobody has answered yet. */
export type ConsentState = 'granted' | 'denied' | 'pending';
export type ConsentChoice = 'granted' | 'denied';

/**
 * Orbit's default when ANALYTICS_CONSENT is unset: opt-out. Orbit's own deployments and tests need analytics on
 * without a click, and the visitor can refuse at any time; GPC and DNT are always honoured. Deployments serving
 * visitors under the GDPR/ePrivacy rules set `ANALYTICS_CONSENT=opt-in`.
 */
const DEFAULT_CONSENT_MODE: ConsentMode = 'opt-out';

/** First-party cookie holding the visitor's answer. Strictly necessary (it records a refusal too), so allowed before consent. */
const CONSENT_COOKIE = 'orbit_consent';
const CONSENT_MAX_AGE_S = 180 * 24 * 60 * 60;

export function parseConsentMode(value: string | undefined | null): ConsentMode {
  return (CONSENT_MODES as readonly string[]).includes(value ?? '') ? (value as ConsentMode) : DEFAULT_CONSENT_MODE;
}

export function parseConsentChoice(cookieHeader: string | undefined | null): ConsentChoice | null {
  const match = /(?:^|;\s*)orbit_consent=(granted|denied)(?:;|$)/.exec(cookieHeader ?? '');
  return (match?.[1] as ConsentChoice | undefined) ?? null;
}

export type ConsentInput = {
  mode: ConsentMode;
  choice: ConsentChoice | null;
  /** navigator.globalPrivacyControl === true */
  gpc: boolean;
  /** navigator.doNotTrack === '1' (or the legacy window/msDoNotTrack) */
  dnt: boolean;
};

export function decideConsent({ mode, choice, gpc, dnt }: ConsentInput): ConsentState {
  // A browser-wide "do not sell/track" is an answer already given, in every mode; Orbit never asks past it.
  if (gpc || dnt) return 'denied';
  if (mode === 'off') return 'granted';
  if (choice) return choice;
  return mode === 'opt-in' ? 'pending' : 'granted';
}

/** Whether the banner should ask: opt-in before any answer; opt-out shows a notice until it is acknowledged. */
export function shouldShowBanner(input: ConsentInput): boolean {
  if (input.mode === 'off' || input.gpc || input.dnt) return false;
  return input.choice === null;
}

export function readBrowserSignals(): Pick<ConsentInput, 'gpc' | 'dnt'> {
  const nav = navigator as Navigator & { globalPrivacyControl?: boolean; msDoNotTrack?: string };
  const w = window as Window & { doNotTrack?: string };
  const dnt = [nav.doNotTrack, w.doNotTrack, nav.msDoNotTrack].some((v) => v === '1' || v === 'yes');
  return { gpc: nav.globalPrivacyControl === true, dnt };
}

/** Refused: what the visitor did stays unsent, not even kept in memory. Errors and navigations stay for Sentry. */
function dropAnalytics(state: TelemetryState): void {
  state.queue = state.queue.filter((i) => !(ANALYTICS_KINDS as readonly string[]).includes(i.kind));
}

/** Decides consent for this page and installs `chooseConsent` for the banner; `onGranted` (re)starts PostHog. */
export function startConsent(state: TelemetryState, onGranted: () => void): void {
  const signals = readBrowserSignals();
  const decide = (choice: ConsentChoice | null): ConsentState => (state.bootstrap ? decideConsent({ mode: state.bootstrap.consent, choice, ...signals }) : 'denied');
  state.consent = decide(parseConsentChoice(document.cookie));
  if (state.consent === 'denied') dropAnalytics(state);
  state.chooseConsent = (choice) => {
    document.cookie = `${CONSENT_COOKIE}=${choice}; path=/; max-age=${CONSENT_MAX_AGE_S}; samesite=lax${location.protocol === 'https:' ? '; secure' : ''}`;
    const before = state.consent;
    state.consent = decide(choice);
    if (state.consent === 'granted' && before === 'pending') {
      // What the visitor did before saying yes stays unsent; only the page they agreed on counts as viewed.
      // Identity calls (identify, group, flags) are kept: they describe who, not what they did.
      const lastPageview = state.queue.filter((i) => i.kind === 'pageview').pop();
      const kept: QueuedItem[] = state.queue.filter((i) => i.kind !== 'event' && i.kind !== 'pageview');
      if (lastPageview) kept.push({ ...lastPageview, at: Date.now() });
      state.queue = kept;
    }
    if (state.consent === 'granted') return onGranted();
    dropAnalytics(state);
    // Opt-out after PostHog started: stop capture and recording (opting out also clears what it persisted).
    state.posthog?.stopSessionRecording();
    state.posthog?.opt_out_capturing();
  };
}
