'use client';
// The recovery screen every error boundary renders: a friendly message, the report ID support can search for,
// and a retry. Client errors are reported here, once (through the lazy SDK bridge, so no SDK in first-load JS);
// server errors arrive with a digest and were already reported by onRequestError — this only looks up their id.
import Link from 'next/link';
import { useEffect, useMemo, useState } from 'react';
import { newEventId, reportError } from '@/lib/telemetry/browser';

const reported = new WeakMap<Error, string>();

function useReportId(error: Error & { digest?: string }, boundary: string): string | null {
  // Client errors: the id is chosen now and the report is sent under it, so it is on screen at once.
  const clientId = useMemo(() => (error.digest ? null : (reported.get(error) ?? newEventId())), [error]);
  const [server, setServer] = useState<{ digest: string; id: string } | null>(null);
  useEffect(() => {
    if (clientId) {
      // Strict mode and re-renders must not report twice.
      if (!reported.has(error)) {
        reported.set(error, clientId);
        reportError(error, { eventId: clientId, tags: { boundary, 'error.source': 'render' } });
      }
      return undefined;
    }
    const digest = error.digest;
    if (!digest) return undefined;
    let cancelled = false;
    fetch(`/api/errors/report-id?digest=${encodeURIComponent(digest)}`, { cache: 'no-store' })
      .then((r) => (r.ok ? (r.json() as Promise<{ eventId: string | null }>) : { eventId: null }))
      .then((body) => !cancelled && setServer({ digest, id: body.eventId ?? `digest-${digest}` }))
      .catch(() => !cancelled && setServer({ digest, id: `digest-${digest}` }));
    return () => {
      cancelled = true;
    };
  }, [error, boundary, clientId]);
  return clientId ?? (server && server.digest === error.digest ? server.id : null);
}

export function ErrorView({ error, reset, boundary, title = 'Something went wrong' }: { error: Error & { digest?: string }; reset: () => void; boundary: string; title?: string }) {
  const reportId = useReportId(error, boundary);
  return (
    <div role="alert" className="mx-auto flex max-w-lg flex-col items-center px-4 py-24 text-center">
      <p className="text-sm font-semibold text-brand-600">Error</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
      <p className="mt-4 text-base leading-7 text-slate-600">
        We have been notified and are looking into it. You can try again; if it keeps happening, send us the report ID
        below.
      </p>
      <p className="mt-6 text-sm text-slate-500">
        Report ID:{' '}
        <code data-testid="report-id" className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-800">
          {reportId ?? '…'}
        </code>
      </p>
      <div className="mt-8 flex gap-3">
        <button
          type="button"
          onClick={reset}
          className="inline-flex items-center justify-center rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700"
        >
          Try again
        </button>
        <Link href="/" className="inline-flex items-center justify-center rounded-lg px-4 py-2 text-sm font-semibold text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
          Back to home
        </Link>
      </div>
    </div>
  );
}
