// /dev/inbox/recordings/<session_id> — plays a session back (rrweb-player) next to the session's events.
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { PageTitle } from '@/lib/inbox/ui/components/page-title';
import { RecordingView } from '@/lib/inbox/ui/components/recording-view';
import { listRecordings } from '@/lib/inbox/collector/query';
import { recentEvents } from '@/lib/inbox/ui/queries';
import { pageSegment, pathSegment } from '@/lib/server/path-segment';

export const metadata = { title: 'Recording' };

/**
 * `?t=`: the moment to open the replay at (an error's time), as an ISO 8601 UTC time (the links in Sentry events:
 * posthog-link.ts) or epoch ms; anything else is ignored.
 */
const momentParam = z.union([z.iso.datetime().transform((iso) => Date.parse(iso)), z.coerce.number().int().min(0).max(8.64e15)]);

export default async function RecordingPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams?: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sessionId = pageSegment(pathSegment(), (await params).id);
  const at = momentParam.safeParse((await searchParams)?.t).data;
  if (sessionId === null) notFound();
  const [events, recordings] = await Promise.all([recentEvents({ session_id: sessionId, limit: 1000 }), listRecordings({ limit: 1000 })]);
  const recording = recordings.find((r) => r.session_id === sessionId);
  if (!recording && !events.length) notFound();
  return (
    <div>
      <PageTitle
        title={<span className="font-mono text-base">{sessionId}</span>}
        aside={
          <Link href={`/dev/inbox?session_id=${encodeURIComponent(sessionId)}`} className="text-sm font-medium text-brand-700 hover:underline">
            Session events in the stream →
          </Link>
        }
      >
        {recording?.source === 'sentry' ? 'Sentry Replay · ' : null}
        {recording?.distinct_id ? (
          <>
            Recorded for{' '}
            <Link href={`/dev/inbox/persons/${encodeURIComponent(recording.distinct_id)}`} className="font-mono text-xs text-brand-700 hover:underline">
              {recording.distinct_id}
            </Link>
          </>
        ) : (
          'Session'
        )}
      </PageTitle>
      <RecordingView sessionId={sessionId} events={[...events].reverse()} hasRecording={!!recording} at={at} />
    </div>
  );
}
