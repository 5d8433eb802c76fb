// The visitor's analytics consent, decided on the server from the request exactly as the browser decides it
// (lib/telemetry/browser/consent.ts): the deployment's mode, the `orbit_consent` cookie, and the privacy signals
// browsers send as headers (`Sec-GPC: 1` for Global Privacy Control, `DNT: 1`). The browser does not load PostHog
// unless this is `granted`; server events about that visitor follow the same decision (mutation-events.ts).
import 'server-only';
import { decideConsent, parseConsentChoice, type ConsentMode, type ConsentState } from '@/lib/telemetry/browser/consent';
import { consentMode } from '@/lib/telemetry/browser/server-bootstrap';

export function requestConsent(headers: Headers, mode: ConsentMode = consentMode()): ConsentState {
  return decideConsent({
    mode,
    choice: parseConsentChoice(headers.get('cookie')),
    gpc: headers.get('sec-gpc')?.trim() === '1',
    dnt: headers.get('dnt')?.trim() === '1',
  });
}
