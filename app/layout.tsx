import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { ConsentBanner } from '@/components/consent/consent-banner';
import { identifyCaller } from '@/lib/auth/guards';
import { headScript } from '@/lib/telemetry/browser/snippet';
import { getAnalyticsBootstrap } from '@/lib/telemetry/browser/server-bootstrap';
import { NONCE_HEADER } from '@/lib/security/csp';
import { PostHogProvider } from '@/providers/posthog-provider';
import './globals.css';

// The bare benchmark build (NEXT_PUBLIC_INSTRUMENTATION=off) renders no snippet and no banner.
const INSTRUMENTED = process.env.NEXT_PUBLIC_INSTRUMENTATION !== 'off';

export const metadata: Metadata = {
  title: { default: 'Orbit — plan projects your team actually finishes', template: '%s · Orbit' },
  description: 'Orbit is the calm project planner for small teams: projects, tasks and a clear view of what ships next.',
  applicationName: 'Orbit',
  openGraph: {
    type: 'website',
    siteName: 'Orbit',
    title: 'Orbit — plan projects your team actually finishes',
    description: 'The calm project planner for small teams: projects, tasks and a clear view of what ships next.',
  },
};

export const viewport: Viewport = {
  themeColor: '#4f46e5',
  colorScheme: 'light',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every error and span of a page request carries the caller: the user id (never the email), the PostHog identity.
  await identifyCaller();
  const bootstrap = await getAnalyticsBootstrap();
  const { flags, props, user, workspace } = bootstrap;
  // proxy.ts's per-request nonce: the Content-Security-Policy allows exactly this inline script.
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  return (
    <html lang="en">
      <head>
        {/* A raw inline script, not next/script: it must run before the bundles to see their errors. */}
        {INSTRUMENTED ? <script nonce={nonce} dangerouslySetInnerHTML={{ __html: headScript(bootstrap) }} /> : null}
      </head>
      <body className="min-h-dvh bg-white font-sans text-slate-900">
        <PostHogProvider analytics={{ flags, props, user, workspace }}>
          {children}
          {INSTRUMENTED && bootstrap.consent !== 'off' ? <ConsentBanner mode={bootstrap.consent} /> : null}
        </PostHogProvider>
      </body>
    </html>
  );
}
