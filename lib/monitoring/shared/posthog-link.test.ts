import { describe, expect, it } from 'vitest';
import { exceptionProperties, posthogTags, sentryOrgUi, sentryProjectIdFromDsn, sessionStartMs, type LinkConfig } from './posthog-link';
import { scrubString } from './scrub';

const cloud: LinkConfig = { local: false, posthogUi: 'https://us.posthog.com', posthogKey: 'phc_1', sentryUi: 'https://sentry.io/organizations/orbit', sentryProjectId: '42' };
const local: LinkConfig = { local: true, posthogUi: 'http://127.0.0.1:3000', posthogKey: 'phc_orbit_local', sentryUi: 'http://127.0.0.1:3000' };

describe('posthogTags', () => {
  it('links the person and the recording in PostHog', () => {
    const { tags, context } = posthogTags(cloud, { distinctId: 'user_1', sessionId: 'sess_1' });
    expect(tags).toMatchObject({
      'posthog.distinct_id': 'user_1',
      'posthog.session_id': 'sess_1',
      'PostHog Person URL': 'https://us.posthog.com/project/phc_1/person/user_1',
      'PostHog Recording URL': 'https://us.posthog.com/project/phc_1/replay/sess_1',
    });
    expect(context.recording_url).toBe('https://us.posthog.com/project/phc_1/replay/sess_1');
  });

  it('points at the local inbox in local mode', () => {
    const { tags } = posthogTags(local, { distinctId: 'anon 1' });
    expect(tags['PostHog Person URL']).toBe('http://127.0.0.1:3000/dev/inbox/persons/anon%201');
    expect(tags['PostHog Recording URL']).toBeUndefined();
  });
});

describe('the recording link opens at the error, in posthog-js get_session_replay_url({ withTimestamp: true }) format', () => {
  // A posthog-js session id: UUIDv7, its first 48 bits the session start in ms.
  const start = Date.UTC(2026, 11, 6, 1, 0, 0);
  const sessionId = `${start.toString(16).padStart(12, '0').replace(/^(.{8})(.{4})$/, '$1-$2')}-7abc-8def-0123456789ab`;

  it('reads the session start from the UUIDv7 session id, and nothing from other ids', () => {
    expect(sessionStartMs(sessionId)).toBe(start);
    expect(sessionStartMs('sess_1')).toBeNull();
    expect(sessionStartMs('0190a0b0-c0d0-4e0f-8a0b-0c0d0e0f1a1b')).toBeNull();
  });

  it('?t= is the seconds into the session, 10 s before the error (posthog-js timestampLookBack), never negative', () => {
    const at = start + 95_500;
    expect(posthogTags(cloud, { distinctId: 'u', sessionId }, at).tags['PostHog Recording URL']).toBe(`https://us.posthog.com/project/phc_1/replay/${sessionId}?t=85`);
    expect(posthogTags(cloud, { distinctId: 'u', sessionId }, start + 4_000).context.recording_url).toBe(`https://us.posthog.com/project/phc_1/replay/${sessionId}?t=0`);
    // Without a time, or a session id that says no start, the recording opens at its beginning.
    expect(posthogTags(cloud, { distinctId: 'u', sessionId }).context.recording_url).toBe(`https://us.posthog.com/project/phc_1/replay/${sessionId}`);
    expect(posthogTags(cloud, { distinctId: 'u', sessionId: 'sess_1' }, at).context.recording_url).toBe('https://us.posthog.com/project/phc_1/replay/sess_1');
  });

  it('the local inbox player takes the moment itself (an ISO time)', () => {
    expect(posthogTags(local, { distinctId: 'u', sessionId }, start + 95_500).context.recording_url).toBe(`http://127.0.0.1:3000/dev/inbox/recordings/${sessionId}?t=${new Date(start + 95_500).toISOString()}`);
  });

  it("survives Sentry's scrubbing: an epoch-ms moment that passes the Luhn check is not a card number", () => {
    // 1796536349345 ms (seen in a run: the link arrived as `?t=[card]`) passes the Luhn check, as one in ten do.
    const url = posthogTags(local, { distinctId: 'u', sessionId }, 1_796_536_349_345).tags['PostHog Recording URL']!;
    expect(scrubString(url)).toBe(url);
    expect(url).toContain('?t=2026-12-06T05:52:29.345Z');
  });

  it('leaves the moment out when the time is not one (never throws)', () => {
    for (const at of [Number.NaN, 1e20, -1e20]) {
      expect(posthogTags(local, { distinctId: 'u', sessionId }, at).context.recording_url).toBe(`http://127.0.0.1:3000/dev/inbox/recordings/${sessionId}`);
    }
  });
});

describe('sentryProjectIdFromDsn', () => {
  it('is the DSN path\'s last segment when numeric', () => {
    expect(sentryProjectIdFromDsn('https://publickey@o0.ingest.sentry.io/4510859426529360')).toBe('4510859426529360');
    expect(sentryProjectIdFromDsn('http://k@127.0.0.1:9000/prefix/42')).toBe('42');
    expect(sentryProjectIdFromDsn('not a url')).toBeUndefined();
    expect(sentryProjectIdFromDsn(undefined)).toBeUndefined();
  });
});

describe('sentryOrgUi (where $sentry_url points)', () => {
  it('is the organisation on sentry.io, or on a self-hosted Sentry when SENTRY_URL names one', () => {
    expect(sentryOrgUi('orbit')).toBe('https://sentry.io/organizations/orbit');
    // A self-hosted Sentry: the link goes to its own UI, not to sentry.io (where the org does not exist).
    expect(sentryOrgUi('orbit', 'https://sentry.example.com/')).toBe('https://sentry.example.com/organizations/orbit');
    expect(sentryOrgUi('orbit', 'https://example.com/sentry')).toBe('https://example.com/sentry/organizations/orbit');
    expect(sentryOrgUi(undefined, 'https://sentry.example.com')).toBeUndefined();
    expect(sentryOrgUi('a/b?c')).toBe('https://sentry.io/organizations/a%2Fb%3Fc');
    expect(sentryOrgUi('orbit', 'https://sentry.example.com/?x=1#y')).toBe('https://sentry.example.com/organizations/orbit');
    expect(sentryOrgUi('orbit', 'not a url')).toBeUndefined();
  });
});

describe('exceptionProperties', () => {
  it('carries the exception and a link back to the Sentry event', () => {
    const props = exceptionProperties(cloud, { event_id: 'abc', level: 'error', exception: { values: [{ type: 'TypeError', value: 'x is undefined', stacktrace: { frames: [] } }] } });
    expect(props).toMatchObject({ $exception_type: 'TypeError', $exception_message: 'x is undefined', $sentry_event_id: 'abc', $sentry_url: 'https://sentry.io/organizations/orbit/issues/?project=42&query=abc' });
    expect(exceptionProperties(local, { event_id: 'abc' }).$sentry_url).toBe('http://127.0.0.1:3000/api/dev/inbox/sentry?type=event&event_id=abc');
  });
});
