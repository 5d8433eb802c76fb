// Counterexamples the fuzz suites found, each kept with its fix: every run (CI's fixed seed and every exploring
// seed) replays them before generating anything, so a fixed failure stays fixed. Add an entry with the fix that made
// it pass: a failing property prints one ready to paste (test-support/fuzz/settings.ts); keep only the fields that matter,
// the rest defaults. Test-only.

/** A request of test-support/fuzz/routes.test.ts; omitted fields default (first method of the target, no body, no query). */
export type RouteCase = {
  method?: string;
  params?: Record<string, string | string[]>;
  body?: { bytes: Uint8Array | string | undefined; encoding?: string };
  contentType?: string | null;
  query?: Record<string, string>;
  headers?: Record<string, string>;
};

type Entry<T> = {
  input: T;
  /** How it was found: the seed and test, or the report that named it. */
  found: string;
  /** What failed and what fixed it. */
  fixed: string;
};

/** @public Entry constructors: a failing property prints its input with them (settings.ts, corpusLiteral). */
export const bytes = (base64: string): Uint8Array => new Uint8Array(Buffer.from(base64, 'base64'));
/** @public */
export const form = (entries: [string, string][]): FormData => {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
};

/** By route target (the title's route, e.g. `/api/dev/inbox/recordings/[sessionId]`). */
export const routeCorpus: Record<string, Entry<RouteCase>[]> = {
  '/api/dev/inbox/recordings/[sessionId]': [
    {
      input: { method: 'GET', params: { sessionId: '\u0000' } },
      found: 'seed 544578017, test-support/fuzz/routes.test.ts (path 10:1:1:1:1:1:1:1:1)',
      fixed: '500 from Postgres (invalid byte sequence 0x00); the query API parses path params with pathSegment → 400',
    },
    {
      input: { method: 'GET', params: { sessionId: 'a\u0000b' } },
      found: 'by hand on a production start: GET /api/dev/inbox/recordings/a%00b',
      fixed: 'same cause and fix as the NUL alone',
    },
  ],
  '/api/dev/inbox/persons/[distinctId]': [
    {
      input: { method: 'GET', params: { distinctId: '\u0000' } },
      found: 'by hand on a production start: GET /api/dev/inbox/persons/%00; also seed 20261205 (path 45:0:0:0:0:0:0)',
      fixed: '500 from Postgres; the query API parses path params with pathSegment → 400',
    },
  ],
  '/api/dev/inbox/sentry': [
    {
      input: { method: 'GET', query: { type: '\u0000' } },
      found: 'seed 20261205, test-support/fuzz/routes.test.ts (path 0:0:1:2:2), once NUL was among the generated query values',
      fixed: '500 from Postgres; text filters refuse NUL (query-api.ts `text`) → 400',
    },
  ],
  '/api/projects (anonymous)': [
    {
      input: { method: 'POST', body: { bytes: '{"a":1}', encoding: 'gzip' }, contentType: null },
      found: 'seed 20261205, lib/fuzz/routes.test.ts (path 1:1:1:1:1:1:1:1:1), once the REST API refused bodies not declared JSON',
      fixed: 'not a bug: 415 (not JSON) before the session check is a refusal like 400/413; the anonymous property allows 403 and 415',
    },
  ],
  '/api/auth/[...all] POST': [
    {
      input: { method: 'POST', params: { all: ['sign-in', 'email'] }, body: { bytes: `${'['.repeat(20_000)}${']'.repeat(20_000)}` }, contentType: 'application/json' },
      found: 'seed 919066455, test-support/fuzz/routes.test.ts (path 117:0:1:0): a body of nested arrays thousands deep',
      fixed: "500 (RangeError: stack overflow) in the NUL check of Better Auth's input hook; lib/server/nul-characters.ts walks iteratively → 400",
    },
  ],
  '/api/dev/inbox/events': [
    {
      input: { method: 'GET', query: { distinct_id: '\u0000' } },
      found: 'reading the query API next to the path params (same cause as the Sentry filter above)',
      fixed: '500 from Postgres; text filters refuse NUL (query-api.ts `text`) → 400',
    },
  ],
};

/** By action name (`billing.startCheckoutAction`): the value handed to the action. */
export const actionCorpus: Record<string, Entry<unknown>[]> = {};

/** The inputs of a corpus, for fast-check's `examples`. */
export const corpusInputs = <T>(entries: Entry<T>[] | undefined): T[] => (entries ?? []).map((e) => e.input);
