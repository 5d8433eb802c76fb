// What PostHog's /array/<token>/config (and config.js) and /flags answer, from Orbit's code: recording on,
// heatmaps on, gzip accepted, flags from lib/flags. Shapes follow PostHog's RemoteConfig and flags v2 responses
// (posthog-js `RemoteConfig`, @posthog/core `PostHogFlagsResponse`).
import 'server-only';
import { randomUUID } from 'node:crypto';
import { FLAGS } from '@/lib/flags/definitions';
import { evaluateFlags } from '@/lib/flags/evaluate';

export function remoteConfig(token: string) {
  return {
    token,
    supportedCompression: ['gzip', 'gzip-js'],
    hasFeatureFlags: FLAGS.length > 0,
    captureDeadClicks: false,
    capturePerformance: { network_timing: true, web_vitals: true, web_vitals_allowed_metrics: null },
    autocapture_opt_out: false,
    autocaptureExceptions: false,
    analytics: { endpoint: '/i/v0/e/' },
    elementsChainAsString: true,
    errorTracking: { autocaptureExceptions: false, suppressionRules: [] },
    sessionRecording: {
      endpoint: '/s/',
      consoleLogRecordingEnabled: true,
      recorderVersion: 'v2',
      sampleRate: null,
      minimumDurationMilliseconds: null,
      linkedFlag: null,
      networkPayloadCapture: null,
      masking: null,
      urlTriggers: [],
      urlBlocklist: [],
      eventTriggers: [],
      triggerMatchType: null,
      scriptConfig: null,
    },
    heatmaps: true,
    surveys: false,
    productTours: false,
    defaultIdentifiedOnly: true,
    siteApps: [],
  };
}

/** The script form posthog-js loads first; it reads `window._POSTHOG_REMOTE_CONFIG[token].config`. */
export function remoteConfigScript(token: string): string {
  const t = JSON.stringify(token);
  return `(function() {
  window._POSTHOG_REMOTE_CONFIG = window._POSTHOG_REMOTE_CONFIG || {};
  window._POSTHOG_REMOTE_CONFIG[${t}] = {
    config: ${JSON.stringify(remoteConfig(token))},
    siteApps: []
  }
})();`;
}

/** /flags/?v=2 (and /decide/?v=4): one detail object per flag. */
export function flagsResponseV2(distinctId: string) {
  const results = evaluateFlags(distinctId);
  return {
    flags: Object.fromEntries(
      FLAGS.map((def, index) => {
        const r = results[def.key]!;
        return [
          def.key,
          {
            key: def.key,
            enabled: r.enabled,
            variant: r.variant,
            reason: {
              code: r.reason,
              condition_index: 0,
              description: r.enabled ? 'Matched condition set 1' : 'Out of rollout bound',
            },
            metadata: {
              id: index + 1,
              version: 1,
              description: def.description,
              payload: r.payload === undefined ? undefined : JSON.stringify(r.payload),
            },
          },
        ];
      }),
    ),
    errorsWhileComputingFlags: false,
    quotaLimited: [],
    requestId: randomUUID(),
    evaluatedAt: Date.now(),
  };
}

/** /flags without v=2 and /decide/?v<4: `featureFlags` values and JSON-string payloads. */
export function flagsResponseLegacy(distinctId: string) {
  const results = Object.values(evaluateFlags(distinctId));
  return {
    featureFlags: Object.fromEntries(results.map((r) => [r.key, r.value])),
    featureFlagPayloads: Object.fromEntries(
      results.filter((r) => r.payload !== undefined).map((r) => [r.key, JSON.stringify(r.payload)]),
    ),
    errorsWhileComputingFlags: false,
    quotaLimited: [],
    requestId: randomUUID(),
  };
}
