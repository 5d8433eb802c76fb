// What the browser SDK needs from the server at first paint, computed by the root layout from the runtime
// configuration (so one build serves every deployment): the consent mode, where errors go, the visitor's distinct id
// and their flags evaluated for it (bootstrapped into posthog-js, so the SSR HTML already shows the right variant),
// and the super-properties of every event.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { headers } from 'next/headers';
import { cache } from 'react';
import { POSTHOG_LOCAL_KEY } from '@/lib/analytics/constants';
import { parseConsentMode, type ConsentMode } from './consent';
import { personPropertiesFromEmail, readPosthogCookie } from '@/lib/analytics/server/identity';
import { env, localInbox } from '@/lib/env';
import { browserMonitoring } from '@/lib/monitoring/server/link-config';
import { getCurrentUser, getCurrentWorkspace } from '@/lib/auth/session';
import { serverFlags } from '@/lib/flags/server';
import { version } from '@/package.json';
import type { OrbitBootstrap } from './snippet';

/** ANALYTICS_CONSENT (runtime) wins over the build-time NEXT_PUBLIC_ANALYTICS_CONSENT; default in consent.ts. */
export function consentMode(): ConsentMode {
  return parseConsentMode(env.ANALYTICS_CONSENT ?? env.NEXT_PUBLIC_ANALYTICS_CONSENT);
}

export const getAnalyticsBootstrap = cache(async (): Promise<OrbitBootstrap> => {
  const key = env.NEXT_PUBLIC_POSTHOG_KEY ?? POSTHOG_LOCAL_KEY;
  const user = await getCurrentUser();
  const workspace = user ? await getCurrentWorkspace(user.id) : null;
  const fromCookie = readPosthogCookie(await headers(), key).distinctId;
  // Signed in: the user id (posthog-js identifies a stale anonymous cookie id into it). Otherwise the browser's own
  // id, or a new one that posthog-js adopts, so the flags the server rendered are the ones the SDK reports.
  const distinctId = user?.id ?? fromCookie ?? randomUUID();
  // Code-defined flags locally; PostHog's answer (local evaluation or a short-timeout request) with a key. The
  // request's one evaluation for this id: the page's own flag checks reuse it.
  const { featureFlags, featureFlagPayloads } = await serverFlags(distinctId);
  return {
    // No key and no local collector: the browser never loads posthog-js (there is nowhere to send to).
    key: env.NEXT_PUBLIC_POSTHOG_KEY || localInbox ? key : '',
    uiHost: env.NEXT_PUBLIC_POSTHOG_UI_HOST,
    consent: consentMode(),
    distinctId,
    identified: Boolean(user),
    flags: featureFlags,
    payloads: featureFlagPayloads,
    props: {
      app: 'orbit',
      app_version: version,
      deployment: env.DEPLOYMENT,
      auth_state: user ? 'authenticated' : 'anonymous',
      plan: workspace?.plan ?? null,
      workspace_id: workspace?.id ?? null,
      // Orbit has one (light) theme today; the property is there so a dark theme is measurable from day one.
      ui_theme: 'light',
    },
    // Never the email or the name: its domain and a salted hash (docs/analytics-setup.md, "Identity").
    user: user ? { id: user.id, props: { ...personPropertiesFromEmail(user.email), plan: workspace?.plan ?? null, workspace_role: workspace?.role ?? null } } : null,
    workspace: workspace ? { id: workspace.id, props: { plan: workspace.plan } } : null,
    monitoring: browserMonitoring(),
    geoipDisable: env.POSTHOG_CLIENT_IP === 'none',
    dev: process.env.NODE_ENV !== 'production',
  };
});
