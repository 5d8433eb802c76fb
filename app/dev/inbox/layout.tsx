// /dev/inbox: the local inbox (what Orbit's PostHog and Sentry SDKs sent, in local mode). 404 as soon as a real
// backend is configured (lib/dev-surfaces.ts). Not instrumented itself: `ph-no-capture` keeps autocapture and recordings out of it.
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { InboxNav } from '@/lib/inbox/ui/components/inbox-nav';
import { inboxStats } from '@/lib/inbox/collector/query';
import { requireDevSurface } from '@/lib/dev-surfaces';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'Inbox', template: '%s · Inbox' },
  robots: { index: false, follow: false },
};

export default async function InboxLayout({ children }: { children: ReactNode }) {
  requireDevSurface('inbox');
  const stats = await inboxStats();
  return (
    <div className="ph-no-capture min-h-dvh bg-slate-50" data-inbox>
      <style>{'@keyframes inbox-flash{from{background-color:rgb(254 243 199)}to{background-color:transparent}}'}</style>
      <InboxNav initial={stats} />
      <main className="mx-auto max-w-[1600px] px-4 py-5">{children}</main>
    </div>
  );
}
