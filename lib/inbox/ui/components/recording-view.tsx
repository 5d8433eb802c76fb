'use client';
// Session replay: rrweb-player (loaded on this page only) beside the session's PostHog events. Clicking an
// event seeks the replay to it; while playing, the event being replayed is highlighted. Opened with a moment (`at`,
// an error's time), the player starts there and the moment is marked on a timeline under it.
import 'rrweb-player/dist/style.css';
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { eventSummary } from '@/lib/inbox/ui/event-summary';
import { formatDuration } from '@/lib/inbox/ui/format';
import type { InboxEventRow } from '@/lib/inbox/rows';
import { EventName, SourceBadge } from './badges';

type PlayerHandle = {
  goto: (timeOffset: number, play?: boolean) => void;
  addEventListener: (event: string, handler: (params: unknown) => unknown) => void;
  triggerResize: () => void;
  $destroy?: () => void;
};

type Recording = { session_id: string; start: string; end: string; snapshots: { timestamp?: number; type?: number }[] };

const FULL_SNAPSHOT = 2;

/** Seek this long before the moment, so the replay shows what led to it. */
const LEAD_MS = 2_000;

export function RecordingView({ sessionId, events, hasRecording, at }: { sessionId: string; events: InboxEventRow[]; hasRecording: boolean; at?: number }) {
  const target = useRef<HTMLDivElement>(null);
  const player = useRef<PlayerHandle | null>(null);
  const [state, setState] = useState<{ status: 'loading' | 'ready' | 'error' | 'none'; message?: string; start?: number; end?: number; count?: number }>({
    status: hasRecording ? 'loading' : 'none',
  });
  const [offset, setOffset] = useState(0);

  useEffect(() => {
    if (!hasRecording) return;
    let cancelled = false;
    const el = target.current;
    (async () => {
      const res = await fetch(`/api/dev/inbox/recordings/${encodeURIComponent(sessionId)}`, { cache: 'no-store' });
      if (!res.ok) throw new Error(`The query API answered ${res.status}.`);
      const recording = (await res.json()) as Recording;
      const snapshots = recording.snapshots.filter((s) => typeof s.timestamp === 'number');
      if (!snapshots.some((s) => s.type === FULL_SNAPSHOT)) {
        throw new Error('This session has no full snapshot yet (rrweb needs one to replay). Keep the page open a bit longer.');
      }
      const { default: Player } = await import('rrweb-player');
      if (cancelled || !el) return;
      el.innerHTML = '';
      const width = Math.max(480, Math.floor(el.clientWidth));
      const instance = new Player({
        target: el,
        props: {
          events: snapshots as unknown as ConstructorParameters<typeof Player>[0]['props']['events'],
          width,
          height: Math.round(width * 0.56),
          autoPlay: false,
          skipInactive: true,
          showController: true,
          mouseTail: { strokeStyle: '#6366f1', lineWidth: 2, duration: 500 },
        },
      }) as unknown as PlayerHandle;
      nameReplayerControls(el);
      instance.addEventListener('ui-update-current-time', (p) => {
        const value = (p as { payload?: unknown })?.payload;
        if (typeof value === 'number') setOffset(value);
      });
      player.current = instance;
      const first = snapshots[0]?.timestamp ?? Date.parse(recording.start);
      const last = snapshots.at(-1)?.timestamp ?? Date.parse(recording.end);
      if (at !== undefined) {
        const target = Math.min(Math.max(0, at - first - LEAD_MS), Math.max(0, last - first));
        instance.goto(target, false);
        setOffset(target);
      }
      setState({ status: 'ready', start: first, end: last, count: snapshots.length });
    })().catch((error: unknown) => {
      if (!cancelled) setState({ status: 'error', message: error instanceof Error ? error.message : String(error) });
    });
    return () => {
      cancelled = true;
      player.current?.$destroy?.();
      player.current = null;
      if (el) el.innerHTML = '';
    };
  }, [sessionId, hasRecording, at]);

  const start = state.start ?? (events[0] ? Date.parse(events[0].timestamp) : 0);
  const offsets = events.map((e) => Date.parse(e.timestamp) - start);
  const currentIndex = state.status === 'ready' ? offsets.findLastIndex((o) => o <= offset) : -1;
  const list = useRef<HTMLOListElement>(null);

  // Keep the event being replayed in view inside the list (not the page).
  useEffect(() => {
    const el = list.current?.children[currentIndex] as HTMLElement | undefined;
    const box = list.current;
    if (!el || !box) return;
    if (el.offsetTop < box.scrollTop || el.offsetTop + el.offsetHeight > box.scrollTop + box.clientHeight) {
      box.scrollTo({ top: el.offsetTop - box.clientHeight / 2, behavior: 'smooth' });
    }
  }, [currentIndex]);

  return (
    <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_24rem]">
      <div className="min-w-0 rounded-xl bg-white p-3 shadow-soft ring-1 ring-slate-200/80">
        {state.status === 'none' ? (
          <p className="px-2 py-16 text-center text-sm text-slate-600">No recording for this session — only its events.</p>
        ) : null}
        {state.status === 'loading' ? <p className="px-2 py-16 text-center text-sm text-slate-600">Loading the replay…</p> : null}
        {state.status === 'error' ? <p className="px-2 py-16 text-center text-sm text-rose-700">{state.message}</p> : null}
        <div ref={target} className="inbox-player w-full overflow-hidden [&_.rr-player]:!shadow-none" data-testid="recording-player" />
        {state.status === 'ready' && at !== undefined && state.start !== undefined && state.end !== undefined ? (
          <MomentTimeline start={state.start} end={state.end} at={at} offset={offset} onSeek={(ms) => player.current?.goto(ms, false)} />
        ) : null}
        {state.status === 'ready' ? (
          <p className="mt-2 px-1 text-xs text-slate-500">{state.count} rrweb events · inactivity skipped · click an event on the right to jump to it</p>
        ) : null}
      </div>
      <aside className="min-w-0 rounded-xl bg-white shadow-soft ring-1 ring-slate-200/80">
        <h2 id="session-events" className="border-b border-slate-100 px-4 py-2.5 text-xs font-semibold tracking-wide text-slate-600 uppercase">
          Session events ({events.length})
        </h2>
        <ol ref={list} aria-labelledby="session-events" tabIndex={0} className="relative max-h-[70dvh] divide-y divide-slate-50 overflow-y-auto py-1 text-xs">
          {events.map((e, i) => (
            <li key={e.id}>
              <button
                type="button"
                onClick={() => player.current?.goto(Math.max(0, offsets[i]! - 500), true)}
                disabled={state.status !== 'ready'}
                className={`flex w-full items-center gap-2 px-4 py-1.5 text-left transition-colors hover:bg-slate-50 disabled:cursor-default ${i === currentIndex ? 'bg-brand-50' : ''}`}
              >
                <span className="w-12 shrink-0 font-mono text-slate-600 tabular-nums">{offsets[i]! > -2000 ? formatDuration(Math.max(0, offsets[i]!)) : '—'}</span>
                <SourceBadge source={e.source} />
                <span className="min-w-0 flex-1 truncate">
                  <EventName event={e.event} /> <span className="text-slate-600">{eventSummary(e.event, e.properties)}</span>
                </span>
              </button>
            </li>
          ))}
        </ol>
        {events.length ? (
          <p className="border-t border-slate-100 px-4 py-2 text-[11px] text-slate-500">
            <Link href={`/dev/inbox?session_id=${encodeURIComponent(sessionId)}`} className="hover:text-brand-700">
              Properties of each event in the stream →
            </Link>
          </p>
        ) : null}
      </aside>
    </div>
  );
}

/** rrweb-player leaves its replay frame, its icon buttons and its skip switch without a name a screen reader can say. */
function nameReplayerControls(root: HTMLElement): void {
  root.querySelector('iframe')?.setAttribute('title', 'Session replay');
  const buttons = root.querySelectorAll<HTMLButtonElement>('.rr-controller__btns > button');
  buttons[0]?.setAttribute('aria-label', 'Play or pause');
  if (buttons.length > 1) buttons[buttons.length - 1]!.setAttribute('aria-label', 'Full screen');
  root.querySelector('.rr-controller__btns input[type="checkbox"]')?.setAttribute('aria-label', 'Skip inactive periods');
}

/**
 * The recording's span with the moment it was opened at (an error) marked, and where the player is: the marker
 * seeks there again. `data-player-ms` says the player's position in ms from the recording's start (the e2e reads it).
 */
function MomentTimeline({ start, end, at, offset, onSeek }: { start: number; end: number; at: number; offset: number; onSeek: (ms: number) => void }) {
  const span = Math.max(1, end - start);
  const pct = (ms: number) => `${Math.min(100, Math.max(0, (ms / span) * 100))}%`;
  const moment = at - start;
  return (
    <div className="mt-2 px-1" data-testid="recording-moment" data-moment-ms={moment} data-player-ms={Math.round(offset)}>
      <div className="relative h-5 rounded bg-slate-100">
        <span className="absolute inset-y-0 left-0 rounded-l bg-brand-100" style={{ width: pct(offset) }} />
        <button
          type="button"
          onClick={() => onSeek(Math.max(0, moment - LEAD_MS))}
          className="absolute top-0 h-5 w-1.5 -translate-x-1/2 rounded-sm bg-rose-500 hover:bg-rose-600"
          style={{ left: pct(moment) }}
          title="The error: replay from 2 s before it"
          aria-label="Replay from 2 seconds before the error"
          data-testid="recording-error-marker"
        />
      </div>
      <p className="mt-1 text-[11px] text-slate-600">
        <span className="font-semibold text-rose-700">Error</span> at {formatDuration(Math.max(0, moment))} into the recording · the player starts 2 s
        before it
      </p>
    </div>
  );
}
