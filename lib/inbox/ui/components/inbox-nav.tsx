'use client';
// The inbox's header: sections with live counts, the live indicator, and "Clear inbox". It polls the stats
// endpoint (cheap: counts and newest ids) and refreshes the server-rendered view when something new arrived,
// so every section is live without each one polling its own data. Paused while the tab is hidden.
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';

export type InboxStats = {
  events: number;
  recordings: number;
  persons: number;
  sentry_items: number;
  sentry_by_type: Record<string, number>;
  health_warnings: number;
  health_errors: number;
  last_event_id: number | null;
  last_sentry_id: number | null;
  last_snapshot_id: number | null;
};

const POLL_MS = 1500;
/** Window event sent after "Clear inbox", so views holding client state (the stream) empty themselves. */
export const INBOX_CLEARED = 'inbox:cleared';
const BASE = '/dev/inbox';

/** Views that follow new data themselves (the event stream, the player) are not refreshed from here. */
const SELF_UPDATING = [/^\/dev\/inbox\/?$/, /^\/dev\/inbox\/recordings\/.+/];

export function InboxNav({ initial }: { initial: InboxStats }) {
  const pathname = usePathname();
  const router = useRouter();
  const [stats, setStats] = useState(initial);
  const [live, setLive] = useState<'live' | 'paused' | 'offline'>('live');
  const cursor = useRef(`${initial.last_event_id}/${initial.last_sentry_id}/${initial.last_snapshot_id}`);
  const path = useRef(pathname);
  useEffect(() => {
    path.current = pathname;
  }, [pathname]);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      if (document.visibilityState !== 'visible') {
        setLive('paused');
        return;
      }
      try {
        const res = await fetch('/api/dev/inbox/stats', { cache: 'no-store' });
        if (!res.ok) throw new Error(String(res.status));
        const next = (await res.json()) as InboxStats;
        if (stopped) return;
        setStats(next);
        setLive('live');
        const c = `${next.last_event_id}/${next.last_sentry_id}/${next.last_snapshot_id}`;
        if (c !== cursor.current) {
          cursor.current = c;
          if (!SELF_UPDATING.some((re) => re.test(path.current))) router.refresh();
        }
      } catch {
        if (!stopped) setLive('offline');
      }
    };
    const loop = async () => {
      await poll();
      if (!stopped) timer = setTimeout(loop, POLL_MS);
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible') void poll();
    };
    void loop();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [router]);

  const errors = stats.sentry_by_type.event ?? 0;
  const traces = (stats.sentry_by_type.transaction ?? 0) + (stats.sentry_by_type.span ?? 0);
  const tabs = [
    { href: BASE, label: 'Events', count: stats.events, match: (p: string) => p === BASE || p === `${BASE}/` },
    { href: `${BASE}/persons`, label: 'Persons', count: stats.persons },
    { href: `${BASE}/recordings`, label: 'Recordings', count: stats.recordings },
    { href: `${BASE}/errors`, label: 'Errors', count: errors, alert: errors > 0 },
    { href: `${BASE}/traces`, label: 'Traces', count: traces },
    { href: `${BASE}/health`, label: 'Health', count: stats.health_warnings, alert: stats.health_errors > 0 },
    { href: `${BASE}/funnels`, label: 'Funnels' },
    { href: `${BASE}/dashboards`, label: 'Dashboards' },
  ];

  return (
    <header className="sticky top-0 z-20 border-b border-slate-800 bg-slate-950 text-slate-300">
      <div className="mx-auto flex h-12 max-w-[1600px] items-center gap-6 px-4">
        <Link href={BASE} className="flex items-center gap-2 text-sm font-semibold text-white">
          <span className="grid size-6 place-items-center rounded-md bg-brand-600 text-[11px] font-bold">O</span>
          Orbit inbox
          <span className="rounded bg-slate-800 px-1.5 py-0.5 font-mono text-[10px] font-medium text-slate-400">local</span>
        </Link>
        <nav className="flex h-full items-stretch gap-1 overflow-x-auto text-sm">
          {tabs.map((t) => {
            const active = t.match ? t.match(pathname) : pathname.startsWith(t.href);
            return (
              <Link
                key={t.href}
                href={t.href}
                className={`flex items-center gap-2 border-b-2 px-2.5 transition-colors ${active ? 'border-brand-400 text-white' : 'border-transparent hover:text-white'}`}
              >
                {t.label}
                {t.count !== undefined ? (
                  <span
                    className={`rounded-full px-1.5 py-px font-mono text-[11px] tabular-nums ${t.alert ? 'bg-rose-500/20 text-rose-300' : 'bg-slate-800 text-slate-400'}`}
                  >
                    {t.count.toLocaleString('en-US')}
                  </span>
                ) : null}
              </Link>
            );
          })}
        </nav>
        <div className="ml-auto flex items-center gap-4">
          <LiveDot state={live} />
          <ClearInboxButton />
        </div>
      </div>
    </header>
  );
}

function LiveDot({ state }: { state: 'live' | 'paused' | 'offline' }) {
  const label = { live: 'Live', paused: 'Paused (tab hidden)', offline: 'Server unreachable' }[state];
  const color = { live: 'bg-emerald-400', paused: 'bg-amber-400', offline: 'bg-rose-500' }[state];
  return (
    <span className="flex items-center gap-2 text-xs" title={label} data-testid="inbox-live">
      <span className="relative flex size-2">
        {state === 'live' ? <span className={`absolute inline-flex size-full animate-ping rounded-full opacity-60 ${color}`} /> : null}
        <span className={`relative inline-flex size-2 rounded-full ${color}`} />
      </span>
      {label}
    </span>
  );
}

function ClearInboxButton() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const clear = async () => {
    if (!window.confirm('Delete every event, person, recording and Sentry item in the local inbox?')) return;
    setBusy(true);
    try {
      const res = await fetch('/api/dev/inbox', { method: 'DELETE' });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      window.dispatchEvent(new Event(INBOX_CLEARED));
      // Detail pages of deleted items would 404: start over from the stream.
      router.push(BASE);
      router.refresh();
      setBusy(false);
    } catch (error) {
      setBusy(false);
      window.alert(`Could not clear the inbox: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return (
    <button
      type="button"
      onClick={clear}
      disabled={busy}
      className="rounded-md px-2.5 py-1 text-xs font-medium text-slate-400 ring-1 ring-slate-700 transition-colors hover:bg-rose-500/10 hover:text-rose-300 hover:ring-rose-500/40 disabled:opacity-50"
    >
      {busy ? 'Clearing…' : 'Clear inbox'}
    </button>
  );
}
