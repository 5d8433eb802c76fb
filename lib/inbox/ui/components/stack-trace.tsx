// A Sentry exception chain: type and value, then frames most recent first; the app's own frames stand out and
// open with their source lines, library frames stay folded.
import type { ExceptionEntry } from '@/lib/inbox/sentry-event';
import { JsonBlock } from './json-view';

export function StackTrace({ exceptions }: { exceptions: ExceptionEntry[] }) {
  if (!exceptions.length) return <p className="text-sm text-slate-500">No exception (a message event).</p>;
  return (
    <div className="space-y-5">
      {exceptions.map((ex, i) => (
        <div key={i}>
          {i > 0 ? <p className="mb-2 text-xs text-slate-600">caused by</p> : null}
          <div className="flex flex-wrap items-baseline gap-2">
            <span className="font-mono text-sm font-semibold text-rose-700">{ex.type}</span>
            <span className="text-sm text-slate-800">{ex.value}</span>
            {ex.mechanism ? (
              <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[10px] text-slate-600">
                {ex.mechanism}
                {ex.handled === false ? ' · unhandled' : ex.handled ? ' · handled' : ''}
              </span>
            ) : null}
          </div>
          <ol className="mt-2 overflow-hidden rounded-lg ring-1 ring-slate-200">
            {ex.frames.map((f, j) => (
              <li key={j} className="border-b border-slate-100 last:border-0">
                <details open={f.inApp && j < 3 && f.context.length > 0} className="group">
                  <summary
                    className={`flex cursor-pointer list-none items-center gap-2 px-3 py-1.5 font-mono text-xs ${f.inApp ? 'bg-amber-50/60 text-slate-900 hover:bg-amber-50' : 'text-slate-500 hover:bg-slate-50'}`}
                  >
                    <span className={`w-3 shrink-0 text-slate-500 transition-transform group-open:rotate-90 ${f.context.length || f.vars ? '' : 'invisible'}`}>▸</span>
                    <span className={`truncate ${f.inApp ? 'font-semibold' : ''}`}>{f.function}</span>
                    <span className="truncate text-slate-600">{f.location}</span>
                    {f.inApp ? <span className="ml-auto shrink-0 rounded bg-amber-200/70 px-1 text-[10px] font-semibold text-amber-900">in app</span> : null}
                  </summary>
                  {f.context.length ? (
                    <pre role="region" aria-label="Source around the line" tabIndex={0} className="overflow-x-auto bg-slate-950 py-2 font-mono text-[11px] leading-5 text-slate-300">
                      {f.context.map((c) => (
                        <div key={c.line} className={c.current ? 'bg-rose-500/20 text-white' : ''}>
                          <span className="inline-block w-12 pr-3 text-right text-slate-500 select-none">{c.line}</span>
                          {c.code}
                        </div>
                      ))}
                    </pre>
                  ) : null}
                  {f.vars ? <JsonBlock value={f.vars} className="m-2" /> : null}
                </details>
              </li>
            ))}
          </ol>
        </div>
      ))}
    </div>
  );
}
