// Where the links between PostHog and Sentry point, as the server decides them from its real configuration
// (lib/env.ts): a deployment on a self-hosted Sentry gets links to its own Sentry, not to sentry.io.
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  vi.stubEnv('LOCAL_INBOX', '0');
  vi.stubEnv('NEXT_PUBLIC_POSTHOG_KEY', 'phc_linkconfig_test');
  vi.stubEnv('NEXT_PUBLIC_SENTRY_DSN', 'https://publickey@sentry.example.com/42');
  vi.stubEnv('SENTRY_ORG', 'orbit');
  vi.stubEnv('SENTRY_URL', 'https://sentry.example.com');
});

import { browserMonitoring, serverLinkConfig } from './link-config';

afterAll(() => vi.unstubAllEnvs());

describe('serverLinkConfig with a self-hosted Sentry (SENTRY_URL)', () => {
  it('links to the organisation on that Sentry, for server events and in the page bootstrap alike', () => {
    expect(serverLinkConfig()).toMatchObject({ local: false, sentryUi: 'https://sentry.example.com/organizations/orbit', sentryProjectId: '42' });
    expect(browserMonitoring()).toMatchObject({ local: false, sentryUi: 'https://sentry.example.com/organizations/orbit' });
  });
});
