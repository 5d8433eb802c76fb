// Database query spans for both drivers: the PGlite client, or with DATABASE_URL the postgres.js client, is wrapped
// once (lib/db/index.ts) so every Drizzle query becomes a `db` span under the request's span, named by its
// sanitised SQL. Drizzle already sends values as parameters ($1…); literals in raw SQL are replaced too, so no value
// ever reaches a span. The Sentry SDK's own postgresJsIntegration rewrites postgres.js as Node loads it
// (diagnostics-channel injection), which records nothing under `next start` (docs/reliability.md), so Orbit's own
// spans cover both drivers the same way.
import 'server-only';
import { getActiveSpan, startSpan } from '@sentry/nextjs';

/** OpenTelemetry's W3C `sampled` trace flag. */
const SAMPLED = 0x1;

/**
 * True when the current request's trace is being recorded (sampled). Unsampled traces drop every child span, so
 * Orbit builds none for them: at production's 5 % rate, 19 of 20 requests skip the span objects, attributes and
 * SQL sanitising entirely (docs/performance.md, "Spans only in recorded traces"). Errors still carry the request's trace id.
 */
export function traceRecorded(): boolean {
  const span = getActiveSpan();
  return span !== undefined && (span.spanContext().traceFlags & SAMPLED) === SAMPLED;
}

/** Replaces string and number literals with `?` and collapses whitespace. */
export function sanitizeSql(sql: string): string {
  return sql
    .replace(/'(?:[^']|'')*'/g, '?')
    .replace(/(?<![\w$"])-?\d+(?:\.\d+)?\b/g, '?')
    .replace(/\s+/g, ' ')
    .trim();
}

function traced<T>(sql: unknown, run: () => Promise<T>): Promise<T> {
  if (!traceRecorded()) return run();
  const text = sanitizeSql(typeof sql === 'string' ? sql : String((sql as { text?: unknown } | null)?.text ?? ''));
  const operation = /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? 'QUERY';
  return startSpan(
    {
      name: text.length > 200 ? `${text.slice(0, 199)}…` : text,
      op: 'db',
      onlyIfParent: true,
      attributes: { 'db.system.name': 'postgresql', 'db.system': 'postgresql', 'db.query.text': text, 'db.operation.name': operation, 'sentry.origin': 'manual.db.orbit' },
    },
    run,
  );
}

type PgliteLike = { query: (...args: never[]) => Promise<unknown>; transaction: (fn: (tx: never) => Promise<unknown>) => Promise<unknown> };

/** PGlite: `query` is traced, and so is every query of a transaction's client. */
export function tracePglite<C extends object>(client: C): C {
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (prop === 'query' && typeof value === 'function') {
        return (...args: unknown[]) => traced(args[0], () => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
      }
      if (prop === 'transaction' && typeof value === 'function') {
        return (fn: (tx: object) => Promise<unknown>) =>
          (value as PgliteLike['transaction']).call(target, ((tx: object) => fn(tracePglite(tx))) as never);
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

type Query = PromiseLike<unknown> & { then: (...args: unknown[]) => Promise<unknown> };

/**
 * postgres.js: `unsafe(sql, params)` (every Drizzle query) returns a lazy query that runs when first awaited, so the
 * span wraps that first `then`; `begin` and `savepoint` hand out transaction clients, traced the same way.
 */
export function tracePostgres<C extends object>(client: C): C {
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const fn = value as (...a: unknown[]) => unknown;
      if (prop === 'unsafe') {
        return (...args: unknown[]) => {
          const query = fn.apply(target, args) as Query;
          const then = query.then;
          let run: Promise<unknown> | undefined;
          Object.defineProperty(query, 'then', {
            configurable: true,
            value: (onFulfilled?: (v: unknown) => unknown, onRejected?: (e: unknown) => unknown) => {
              run ??= traced(args[0], () => new Promise((resolve, reject) => void then.call(query, resolve, reject)));
              return run.then(onFulfilled, onRejected);
            },
          });
          return query;
        };
      }
      if (prop === 'begin' || prop === 'savepoint') {
        // begin(fn) or begin(options, fn): the callback is always last.
        return (...args: unknown[]) => {
          const last = args.length - 1;
          const callback = args[last];
          if (typeof callback === 'function') args[last] = (tx: object) => (callback as (tx: object) => unknown)(tracePostgres(tx));
          return fn.apply(target, args);
        };
      }
      return fn.bind(target);
    },
  });
}
