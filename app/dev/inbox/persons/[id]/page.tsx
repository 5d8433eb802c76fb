// /dev/inbox/persons/<distinct_id> — one person: ids, properties, groups, recordings, and one timeline of what
// the browser, the server and Sentry reported about them.
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Fragment } from 'react';
import { EventName, Pill, SourceBadge } from '@/lib/inbox/ui/components/badges';
import { JsonBlock } from '@/lib/inbox/ui/components/json-view';
import { Section } from '@/lib/inbox/ui/components/kv-table';
import { PageTitle } from '@/lib/inbox/ui/components/page-title';
import { ClockTime, RelativeTime } from '@/lib/inbox/ui/components/time';
import { getPerson, listRecordings } from '@/lib/inbox/collector/query';
import { eventSummary, splitProperties } from '@/lib/inbox/ui/event-summary';
import { formatDuration, shortId } from '@/lib/inbox/ui/format';
import { personLabel } from '@/lib/inbox/ui/person';
import { errorsForPerson, recentEvents } from '@/lib/inbox/ui/queries';
import { errorMomentOf, errorTitle } from '@/lib/inbox/sentry-event';
import { payloadSide } from '@/lib/inbox/ui/waterfall';
import { pageSegment, pathSegment } from '@/lib/server/path-segment';

export const metadata = { title: 'Person' };

type Entry =
  | { kind: 'event'; key: string; time: string; source: 'web' | 'server'; name: string; summary: string; session: string | null; href: string }
  | { kind: 'error'; key: string; time: string; side: 'browser' | 'server'; title: string; href: string };

export default async function PersonPage({ params }: { params: Promise<{ id: string }> }) {
  const distinctId = pageSegment(pathSegment(), (await params).id);
  if (distinctId === null) notFound();
  const person = await getPerson(distinctId);
  if (!person) notFound();
  const ids = person.distinct_ids;
  const [events, errors, recordings] = await Promise.all([
    recentEvents({ distinct_id: distinctId, limit: 500 }),
    errorsForPerson(ids),
    listRecordings({ distinct_id: distinctId, limit: 50 }),
  ]);
  const entries: Entry[] = [
    ...events.map(
      (e): Entry => ({
        kind: 'event',
        key: `e${e.id}`,
        time: e.timestamp,
        source: e.source,
        name: e.event,
        summary: eventSummary(e.event, e.properties),
        session: e.session_id,
        href: `/dev/inbox?distinct_id=${encodeURIComponent(distinctId)}&selected=${e.uuid}`,
      }),
    ),
    ...errors.map(
      (i): Entry => ({
        kind: 'error',
        key: `s${i.id}`,
        // A timestamp Date cannot hold (the sender's) sorts the error at its arrival.
        time: errorMomentOf(i.payload, i.received_at) ?? i.received_at,
        side: payloadSide(i.payload) ?? 'server',
        title: errorTitle(i.payload),
        href: `/dev/inbox/errors/${i.id}`,
      }),
    ),
  ].sort((a, b) => b.time.localeCompare(a.time));
  const split = splitProperties(person.properties);
  // posthog-js $set_once's every campaign parameter (utm_*, gclid…), mostly null: those belong with the SDK's.
  const custom = Object.fromEntries(Object.entries(split.custom).filter(([, v]) => v !== null));
  const sdk = { ...Object.fromEntries(Object.entries(split.custom).filter(([, v]) => v === null)), ...split.sdk };
  const sessions = [...new Set(events.map((e) => e.session_id).filter((s): s is string => !!s))];

  return (
    <div>
      <PageTitle
        title={personLabel(person.properties, distinctId)}
        aside={
          <Link href={`/dev/inbox?distinct_id=${encodeURIComponent(distinctId)}`} className="text-sm font-medium text-brand-700 hover:underline">
            Open in the live stream →
          </Link>
        }
      >
        {person.person_id ? <span className="font-mono text-xs">{person.person_id}</span> : 'Anonymous: no person profile yet'} ·{' '}
        {events.length} events · {errors.length} errors · {sessions.length} sessions
      </PageTitle>
      <div className="grid gap-4 lg:grid-cols-[minmax(20rem,26rem)_minmax(0,1fr)]">
        <div className="space-y-4">
          <Section title="Distinct ids">
            <div className="flex flex-wrap gap-1.5">
              {ids.map((id) => (
                <Pill key={id} tone={id === distinctId ? 'brand' : 'slate'} title={id}>
                  <span className="font-mono">{id}</span>
                </Pill>
              ))}
            </div>
          </Section>
          <Section title="Properties">
            {Object.keys(custom).length ? <JsonBlock value={custom} openDepth={2} /> : <p className="text-xs text-slate-500">No properties set by Orbit.</p>}
            {Object.keys(sdk).length ? (
              <details className="group mt-3">
                <summary className="cursor-pointer list-none text-xs font-medium text-slate-600 hover:text-slate-800">
                  <span className="inline-block transition-transform group-open:rotate-90">▸</span> {Object.keys(sdk).length} SDK properties ($initial_…, $geoip…)
                </summary>
                <JsonBlock value={sdk} className="mt-2" />
              </details>
            ) : null}
          </Section>
          {Object.keys(person.groups).length ? (
            <Section title="Groups">
              <JsonBlock value={person.group_properties} openDepth={2} />
            </Section>
          ) : null}
          <Section title={`Recordings (${recordings.length})`}>
            {recordings.length ? (
              <ul className="divide-y divide-slate-100 text-xs">
                {recordings.map((r) => (
                  <li key={r.session_id} className="flex items-center justify-between py-1.5">
                    <Link href={`/dev/inbox/recordings/${encodeURIComponent(r.session_id)}`} className="font-mono text-brand-700 hover:underline" title={r.session_id}>
                      ▶ {shortId(r.session_id, 13)}
                    </Link>
                    <span className="text-slate-600">
                      {formatDuration(Date.parse(r.end) - Date.parse(r.start))} · <RelativeTime date={r.start} />
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-xs text-slate-500">No recording for this person.</p>
            )}
          </Section>
        </div>
        <Section title="Timeline · browser, server and Sentry" aside={<span className="text-xs text-slate-500">newest first</span>}>
          {entries.length ? (
            <ol className="relative ml-2 border-l border-slate-200">
              {entries.map((e, i) => (
                <Fragment key={e.key}>
                  {e.kind === 'event' && e.session && e.session !== lastSession(entries, i) ? (
                    <li className="relative mt-2 mb-1 pl-5 first:mt-0">
                      <span className="absolute top-1.5 -left-[4px] size-2 rounded-sm bg-slate-300" />
                      <span className="text-[11px] font-semibold tracking-wide text-slate-500 uppercase">Session </span>
                      <Link href={`/dev/inbox?session_id=${encodeURIComponent(e.session)}`} className="font-mono text-[11px] text-slate-600 hover:text-brand-700">
                        {e.session}
                      </Link>
                      {recordings.some((r) => r.session_id === e.session) ? (
                        <Link href={`/dev/inbox/recordings/${encodeURIComponent(e.session)}`} className="ml-2 text-[11px] font-medium text-brand-700 hover:underline">
                          ▶ replay
                        </Link>
                      ) : null}
                    </li>
                  ) : null}
                  <li className="relative py-1 pl-5">
                    <span
                      className={`absolute top-3 -left-[5px] size-2.5 rounded-full ring-2 ring-white ${e.kind === 'error' ? 'bg-rose-500' : e.source === 'web' ? 'bg-sky-500' : 'bg-violet-500'}`}
                    />
                    <Link href={e.href} className="flex items-center gap-3 rounded-md px-2 py-1 hover:bg-slate-50">
                      <span className="w-24 shrink-0 font-mono text-xs text-slate-600">
                        <ClockTime date={e.time} />
                      </span>
                      {e.kind === 'event' ? (
                        <>
                          <SourceBadge source={e.source} />
                          <span className="w-52 shrink-0 truncate">
                            <EventName event={e.name} />
                          </span>
                          <span className="min-w-0 flex-1 truncate text-xs text-slate-600">{e.summary}</span>
                          {e.session ? <span className="shrink-0 font-mono text-[11px] text-slate-500">{e.session.slice(-8)}</span> : null}
                        </>
                      ) : (
                        <>
                          <SourceBadge source="sentry" />
                          <span className="min-w-0 flex-1 truncate text-sm font-medium text-rose-700">{e.title}</span>
                          <span className="shrink-0 text-[11px] text-slate-500">{e.side}</span>
                        </>
                      )}
                    </Link>
                  </li>
                </Fragment>
              ))}
            </ol>
          ) : (
            <p className="text-sm text-slate-600">Nothing yet.</p>
          )}
        </Section>
      </div>
    </div>
  );
}

/** The session of the closest earlier (newer) browser event in the timeline; errors and server events skipped. */
function lastSession(entries: Entry[], index: number): string | null | undefined {
  for (let i = index - 1; i >= 0; i--) {
    const e = entries[i];
    if (e?.kind === 'event' && e.session) return e.session;
  }
  return undefined;
}
