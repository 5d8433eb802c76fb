import { describe, expect, it } from 'vitest';
import { decideConsent, parseConsentChoice, parseConsentMode, shouldShowBanner, type ConsentInput } from './consent';

const base: ConsentInput = { mode: 'opt-in', choice: null, gpc: false, dnt: false };

describe('decideConsent', () => {
  it('opt-in waits for an answer, then follows it', () => {
    expect(decideConsent(base)).toBe('pending');
    expect(decideConsent({ ...base, choice: 'granted' })).toBe('granted');
    expect(decideConsent({ ...base, choice: 'denied' })).toBe('denied');
  });

  it('opt-out captures until the visitor refuses', () => {
    expect(decideConsent({ ...base, mode: 'opt-out' })).toBe('granted');
    expect(decideConsent({ ...base, mode: 'opt-out', choice: 'denied' })).toBe('denied');
  });

  it('off never asks', () => {
    expect(decideConsent({ ...base, mode: 'off' })).toBe('granted');
    expect(shouldShowBanner({ ...base, mode: 'off' })).toBe(false);
  });

  it('Global Privacy Control and Do Not Track are a refusal in every mode, even after an earlier yes', () => {
    for (const mode of ['opt-in', 'opt-out', 'off'] as const) {
      expect(decideConsent({ ...base, mode, gpc: true })).toBe('denied');
      expect(decideConsent({ ...base, mode, dnt: true, choice: 'granted' })).toBe('denied');
      expect(shouldShowBanner({ ...base, mode, gpc: true })).toBe(false);
    }
  });

  it('shows the banner until the visitor answered', () => {
    expect(shouldShowBanner(base)).toBe(true);
    expect(shouldShowBanner({ ...base, mode: 'opt-out' })).toBe(true);
    expect(shouldShowBanner({ ...base, choice: 'denied' })).toBe(false);
  });
});

describe('parsing', () => {
  it('reads the mode with the documented default', () => {
    expect(parseConsentMode('opt-in')).toBe('opt-in');
    expect(parseConsentMode(undefined)).toBe('opt-out');
    expect(parseConsentMode('yes please')).toBe('opt-out');
  });

  it('reads the stored choice from a cookie header', () => {
    expect(parseConsentChoice('a=1; orbit_consent=granted; b=2')).toBe('granted');
    expect(parseConsentChoice('orbit_consent=denied')).toBe('denied');
    expect(parseConsentChoice('orbit_consent=maybe')).toBeNull();
    expect(parseConsentChoice('x_orbit_consent=granted')).toBeNull();
    expect(parseConsentChoice(undefined)).toBeNull();
  });
});
