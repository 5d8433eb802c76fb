// /dev/inbox — the live event stream with filters (event, person, session, source) and event detail.
import { z } from 'zod';
import { EmptyState } from '@/lib/inbox/ui/components/empty-state';
import { EventStream, type StreamFilters } from '@/lib/inbox/ui/components/event-stream';
import { eventNames, recentEvents } from '@/lib/inbox/ui/queries';
import { isStorableText } from '@/lib/server/path-segment';

export const metadata = { title: 'Events' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
/** A filter from the query string: trimmed text up to 500 characters, ignored when empty or not storable (NUL). */
const filterText = z.string().trim().min(1).max(500).refine(isStorableText);
const one = (v: string | string[] | undefined) => filterText.safeParse(typeof v === 'string' ? v.slice(0, 2_000) : undefined).data;

export default async function EventsPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const source = one(sp.source);
  const filters: StreamFilters = {
    event: one(sp.event),
    distinct_id: one(sp.distinct_id),
    session_id: one(sp.session_id),
    source: source === 'web' || source === 'server' ? source : undefined,
  };
  const [events, names] = await Promise.all([recentEvents(filters), eventNames()]);
  const empty = !names.length;
  return (
    <div className="space-y-4">
      {empty ? (
        <EmptyState title="No events yet">
          This stream shows every PostHog event Orbit sends — from the browser (posthog-js) and the server (posthog-node) —
          as it arrives.
        </EmptyState>
      ) : null}
      {/* Keyed by the filters: a new filter starts a new stream. */}
      <EventStream key={JSON.stringify(filters)} initial={events} filters={filters} eventNames={names} selected={one(sp.selected)} />
    </div>
  );
}
