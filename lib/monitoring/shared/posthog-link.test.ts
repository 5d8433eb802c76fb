import { describe, expect, it } from 'vitest';
import { exceptionProperties, posthogTags, type LinkConfig } from './posthog-link';

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

describe('exceptionProperties', () => {
  it('carries the exception and a link back to the Sentry event', () => {
    const props = exceptionProperties(cloud, { event_id: 'abc', level: 'error', exception: { values: [{ type: 'TypeError', value: 'x is undefined', stacktrace: { frames: [] } }] } });
    expect(props).toMatchObject({ $exception_type: 'TypeError', $exception_message: 'x is undefined', $sentry_event_id: 'abc', $sentry_url: 'https://sentry.io/organizations/orbit/issues/?project=42&query=abc' });
    expect(exceptionProperties(local, { event_id: 'abc' }).$sentry_url).toBe('http://127.0.0.1:3000/api/dev/inbox/sentry?type=event&event_id=abc');
  });
});
