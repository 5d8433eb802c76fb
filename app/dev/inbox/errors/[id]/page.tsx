// /dev/inbox/errors/<item id> — one Sentry error: stack trace, breadcrumbs, tags, user, contexts, and links to
// its trace and to the PostHog person / session it belongs to.
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { Breadcrumbs } from '@/lib/inbox/ui/components/breadcrumbs';
import { LevelBadge, SourceBadge } from '@/lib/inbox/ui/components/badges';
import { JsonBlock } from '@/lib/inbox/ui/components/json-view';
import { KvTable, Section, inline } from '@/lib/inbox/ui/components/kv-table';
import { StackTrace } from '@/lib/inbox/ui/components/stack-trace';
import { ClockTime, RelativeTime } from '@/lib/inbox/ui/components/time';
import { listIssues } from '@/lib/inbox/collector/issues-api';
import { getSentryItem } from '@/lib/inbox/collector/query';
import { sentryItemId } from '@/lib/inbox/collector/query-api';
import { pageSegment } from '@/lib/server/path-segment';
import { breadcrumbsOf, contextsOf, culprit, errorMomentOf, errorTitle, exceptionsOf, posthogLinkOf, tagsOf, userOf } from '@/lib/inbox/sentry-event';
import { get, isObject, num, str } from '@/lib/inbox/json';
import { payloadSide } from '@/lib/inbox/ui/waterfall';

export const metadata = { title: 'Error' };

export default async function ErrorPage({ params }: { params: Promise<{ id: string }> }) {
  const id = pageSegment(sentryItemId, (await params).id);
  const item = id === null ? null : await getSentryItem(id);
  if (!item || item.type !== 'event') notFound();
  const p = item.payload;
  const ts = num(get(p, 'timestamp'));
  const level = str(get(p, 'level')) ?? 'error';
  const side = payloadSide(p) ?? 'server';
  const traceId = item.trace_id;
  const ph = posthogLinkOf(p);
  // One click to the error's moment: the replay sought to its time, the trace with its span highlighted, its issue.
  const spanId = str(get(p, 'contexts', 'trace', 'span_id'));
  const at = errorMomentOf(p, item.received_at);
  const moment = at ? `?t=${at}` : '';
  const issue = (await listIssues()).find((i) => i.events.some((e) => e.id === item.id));
  const user = userOf(p);
  const tags = tagsOf(p);
  const request = get(p, 'request');
  const extra = get(p, 'extra');
  const sdk = `${str(get(p, 'sdk', 'name')) ?? '?'} ${str(get(p, 'sdk', 'version')) ?? ''}`;

  const facts: [string, ReactNode][] = [
    [
      'when',
      at ? (
        <>
          <ClockTime date={at} /> · <RelativeTime date={at} />
        </>
      ) : (
        // The event's timestamp is not a time (whatever its sender wrote): when the collector received it instead.
        <>
          <ClockTime date={item.received_at} /> · <span className="text-slate-500">received; its timestamp is not a time</span>
        </>
      ),
    ],
    ['where', culprit(p) ?? '—'],
    ['transaction', str(get(p, 'transaction')) ?? '—'],
    ['environment', `${str(get(p, 'environment')) ?? '—'}${str(get(p, 'release')) ? ` · ${str(get(p, 'release'))}` : ''}`],
    ['sdk', sdk],
    ['event id', item.event_id ?? '—'],
  ];

  return (
    <div className="space-y-4">
      <div className="rounded-xl bg-white p-5 shadow-soft ring-1 ring-slate-200/80">
        <div className="flex items-center gap-2">
          <LevelBadge level={level} />
          <SourceBadge source={side} />
          <Link href="/dev/inbox/errors" className="ml-auto text-xs text-slate-600 hover:text-brand-700">
            ← all errors
          </Link>
        </div>
        <h1 className="mt-2 text-xl font-semibold break-words text-slate-900">{errorTitle(p)}</h1>
        <div className="mt-4 grid gap-4 lg:grid-cols-[1fr_auto]">
          <KvTable rows={facts} />
          <div className="flex flex-col gap-2 text-sm lg:w-72">
            {issue ? <LinkCard href={`/dev/inbox/errors/issues/${issue.id}`} label={`Issue · ${issue.count} event${issue.count === 1 ? '' : 's'}`} value={issue.title} testId="error-issue-link" /> : null}
            {traceId ? (
              <LinkCard
                href={`/dev/inbox/traces/${traceId}${spanId ? `?span=${encodeURIComponent(spanId)}` : ''}`}
                label={spanId ? 'Trace, at the failing span' : 'Trace'}
                value={traceId}
                testId="error-trace-link"
              />
            ) : (
              <span className="text-xs text-slate-500">No trace id.</span>
            )}
            {ph.distinctId ? <LinkCard href={`/dev/inbox/persons/${encodeURIComponent(ph.distinctId)}`} label="PostHog person" value={ph.distinctId} /> : null}
            {ph.sessionId ? (
              <LinkCard
                href={`/dev/inbox/recordings/${encodeURIComponent(ph.sessionId)}${moment}`}
                label="Session replay, at the error"
                value={ph.sessionId}
                testId="error-replay-link"
              />
            ) : null}
            {ph.url ? (
              <a href={ph.url} className="truncate text-xs text-brand-700 hover:underline">
                {ph.url}
              </a>
            ) : null}
          </div>
        </div>
      </div>
      <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_28rem]">
        <div className="min-w-0 space-y-4">
          <Section title="Stack trace">
            <StackTrace exceptions={exceptionsOf(p)} />
          </Section>
          <Section title={`Breadcrumbs (${breadcrumbsOf(p).length})`}>
            <Breadcrumbs crumbs={breadcrumbsOf(p)} at={ts} />
          </Section>
          {isObject(request) ? (
            <Section title="Request">
              <JsonBlock value={request} openDepth={2} />
            </Section>
          ) : null}
          {isObject(extra) && Object.keys(extra).length ? (
            <Section title="Extra">
              <JsonBlock value={extra} openDepth={2} />
            </Section>
          ) : null}
        </div>
        <div className="min-w-0 space-y-4">
          <Section title={`Tags (${tags.length})`}>
            <KvTable rows={tags} empty="No tags." />
          </Section>
          <Section title="User">
            <KvTable rows={user ? Object.entries(user).map(([k, v]) => [k, inline(v)]) : []} empty="No user set (Sentry.setUser)." />
          </Section>
          {contextsOf(p).map(([name, ctx]) => (
            <Section key={name} title={`Context · ${name}`}>
              <KvTable rows={Object.entries(ctx).map(([k, v]) => [k, inline(v)])} />
            </Section>
          ))}
          <Section title="Raw event">
            <details>
              <summary className="cursor-pointer list-none text-xs text-slate-600 hover:text-slate-800">▸ payload as received ({item.size} bytes)</summary>
              <JsonBlock value={p} className="mt-2" />
            </details>
          </Section>
        </div>
      </div>
    </div>
  );
}

function LinkCard({ href, label, value, testId }: { href: string; label: string; value: string; testId?: string }) {
  return (
    <Link href={href} className="block rounded-lg px-3 py-2 ring-1 ring-slate-200 hover:bg-brand-50 hover:ring-brand-200" data-testid={testId}>
      <span className="block text-[11px] font-semibold tracking-wide text-slate-600 uppercase">{label} →</span>
      <span className="block truncate font-mono text-xs text-brand-700">{value}</span>
    </Link>
  );
}
