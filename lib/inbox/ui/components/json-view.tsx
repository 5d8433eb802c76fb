// A collapsible JSON tree on native <details>: works without JavaScript, so server pages can use it too.
import type { ReactNode } from 'react';

/** `marks`: dotted paths below this node to highlight (a health finding's path); '' is the node itself. */
type Props = { value: unknown; name?: string; depth?: number; openDepth?: number; marks?: readonly string[] };

/** The marks of child `key`, relative to it. */
function marksOf(marks: readonly string[], key: string): string[] {
  return marks.filter((m) => m === key || m.startsWith(`${key}.`)).map((m) => (m === key ? '' : m.slice(key.length + 1)));
}

const MARKED = 'rounded bg-amber-100 ring-1 ring-amber-400';

function Primitive({ value }: { value: unknown }) {
  if (value === null) return <span className="text-slate-500">null</span>;
  if (value === undefined) return <span className="text-slate-500">undefined</span>;
  if (typeof value === 'string') return <span className="break-all text-emerald-700">&quot;{value}&quot;</span>;
  if (typeof value === 'number') return <span className="text-sky-700">{value}</span>;
  if (typeof value === 'boolean') return <span className="text-violet-700">{String(value)}</span>;
  return <span>{String(value)}</span>;
}

const Key = ({ name }: { name?: string }) =>
  name === undefined ? null : <span className={name.startsWith('$') ? 'text-slate-600' : 'text-slate-900'}>{name}: </span>;

function JsonView({ value, name, depth = 0, openDepth = 1, marks = [] }: Props): ReactNode {
  const marked = marks.includes('');
  if (value === null || typeof value !== 'object') {
    return (
      <div className={`py-px pl-4 -indent-4 ${marked ? MARKED : ''}`} data-marked={marked || undefined}>
        <Key name={name} />
        <Primitive value={value} />
      </div>
    );
  }
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (!entries.length) {
    return (
      <div className="py-px">
        <Key name={name} />
        <span className="text-slate-500">{open + close}</span>
      </div>
    );
  }
  return (
    <details open={depth < openDepth || marks.some(Boolean)} className="group/json">
      <summary className={`cursor-pointer list-none py-px hover:bg-slate-100/70 ${marked ? MARKED : ''}`} data-marked={marked || undefined}>
        <span className="mr-1 inline-block w-3 text-slate-500 transition-transform group-open/json:rotate-90">▸</span>
        <Key name={name} />
        <span className="text-slate-500">
          {open}
          <span className="group-open/json:hidden">
            {' '}
            {entries.length} {Array.isArray(value) ? 'items' : 'keys'} {close}
          </span>
        </span>
      </summary>
      <div className="ml-1.5 border-l border-slate-200 pl-3">
        {entries.map(([k, v]) => (
          <JsonView key={k} name={k} value={v} depth={depth + 1} openDepth={openDepth} marks={marksOf(marks, k)} />
        ))}
      </div>
      <div className="pl-4 text-slate-500">{close}</div>
    </details>
  );
}

export function JsonBlock({
  value,
  openDepth = 1,
  className = '',
  marks,
}: {
  value: unknown;
  openDepth?: number;
  className?: string;
  marks?: readonly string[];
}) {
  return (
    <div className={`overflow-x-auto rounded-lg bg-slate-50 p-3 font-mono text-xs leading-5 ring-1 ring-slate-200 ${className}`}>
      <JsonView value={value} openDepth={openDepth} marks={marks} />
    </div>
  );
}
