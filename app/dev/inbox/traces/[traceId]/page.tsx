// /dev/inbox/traces/<trace_id> — one trace as a span waterfall, browser and server together, with its errors.
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { SourceBadge } from '@/lib/inbox/ui/components/badges';
import { PageTitle } from '@/lib/inbox/ui/components/page-title';
import { WaterfallView } from '@/lib/inbox/ui/components/waterfall';
import { ClockTime } from '@/lib/inbox/ui/components/time';
import { formatDuration } from '@/lib/inbox/ui/format';
import { traceItems } from '@/lib/inbox/ui/queries';
import { errorTitle } from '@/lib/inbox/sentry-event';
import { layoutWaterfall, namingRow } from '@/lib/inbox/ui/waterfall';
import { pageSegment } from '@/lib/server/path-segment';

/** A trace id: 32 hex digits from the SDKs; 16–64 accepted (span ids, other tracers). */
const traceIdSegment = z.string().regex(/^[0-9a-f]{16,64}$/i);

export const metadata = { title: 'Trace' };

/** `?span=<span id>`: the span to highlight (an error's failing span); anything else is ignored. */
const spanParam = z.string().regex(/^[0-9a-f]{16}$/i);

export default async function TracePage({
  params,
  searchParams,
}: {
  params: Promise<{ traceId: string }>;
  searchParams?: Promise<Record<string, string | string[] | undefined>>;
}) {
  const traceId = pageSegment(traceIdSegment, (await params).traceId);
  const highlight = spanParam.safeParse((await searchParams)?.span).data?.toLowerCase();
  if (traceId === null) notFound();
  const items = await traceItems(traceId);
  if (!items.length) notFound();
  const w = layoutWaterfall(items);
  const errors = items.filter((i) => i.type === 'event');
  const root = namingRow(w)?.span;
  return (
    <div className="space-y-4">
      <PageTitle
        title={root?.name ?? traceId}
        aside={
          <div className="flex items-center gap-3 text-xs text-slate-600">
            <span className="flex items-center gap-1.5">
              <span className="size-2.5 rounded-sm bg-sky-500" /> browser
            </span>
            <span className="flex items-center gap-1.5">
              <span className="size-2.5 rounded-sm bg-violet-500" /> server
            </span>
            <Link href="/dev/inbox/traces" className="ml-3 hover:text-brand-700">
              ← all traces
            </Link>
          </div>
        }
      >
        <span className="font-mono text-xs">{traceId}</span> · {w.rows.length} spans · {formatDuration(w.durationMs)}
        {w.rows.length ? (
          <>
            {' '}
            · started <ClockTime date={w.start * 1000} />
          </>
        ) : null}{' '}
        · {w.sides.map((s) => <SourceBadge key={s} source={s} />)}
      </PageTitle>
      {errors.length ? (
        <div className="rounded-xl bg-rose-50 px-4 py-3 ring-1 ring-rose-200">
          <h2 className="text-xs font-semibold tracking-wide text-rose-800 uppercase">Errors in this trace</h2>
          <ul className="mt-1 space-y-0.5 text-sm">
            {errors.map((e) => (
              <li key={e.id}>
                <Link href={`/dev/inbox/errors/${e.id}`} className="text-rose-700 hover:underline">
                  {errorTitle(e.payload)}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {highlight && !w.rows.some((r) => r.span.spanId === highlight) ? (
        <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200" data-testid="span-not-received">
          The error&apos;s span <code className="font-mono text-xs">{highlight}</code> has not arrived yet: Sentry sends a page&apos;s
          transaction when it ends. Reload in a moment.
        </p>
      ) : null}
      {w.rows.length ? <WaterfallView highlight={highlight} waterfall={w} /> : <p className="text-sm text-slate-600">No span of this trace was received (only errors).</p>}
    </div>
  );
}
