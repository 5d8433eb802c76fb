// Event health in the end-to-end run: which analytics identities a test's browsers used (read from what posthog-js
// really sent to /ingest), and the collector's findings on them (GET /api/dev/inbox/health), printed one per line.
// The automatic fixture in e2e/fixtures.ts fails a test whose own events raised a finding; e2e/health.scan.ts fails
// the run on any finding left at the end and prints how many events were checked.
import { gunzipSync } from 'node:zlib';
import type { APIRequestContext, BrowserContext, Request } from '@playwright/test';
import type { HealthReport, HealthWarningRow } from '@/lib/inbox/rows';

/** Distinct ids and session ids seen in a test's capture requests. */
export type SentIdentities = { distinctIds: Set<string>; sessionIds: Set<string> };

function decodeBody(req: Request): unknown {
  const bytes = req.postDataBuffer();
  if (!bytes?.length) return null;
  const url = new URL(req.url());
  let text: string;
  if (url.searchParams.get('compression') === 'gzip-js' || (bytes[0] === 0x1f && bytes[1] === 0x8b)) text = gunzipSync(bytes).toString('utf8');
  else text = bytes.toString('utf8');
  if (text.startsWith('data=')) text = Buffer.from(decodeURIComponent(text.slice(5)), 'base64').toString('utf8');
  return JSON.parse(text);
}

function collect(body: unknown, into: SentIdentities): void {
  const events = Array.isArray(body) ? body : body && typeof body === 'object' && 'batch' in body && Array.isArray(body.batch) ? body.batch : [body];
  for (const e of events as { distinct_id?: unknown; properties?: { distinct_id?: unknown; $session_id?: unknown } }[]) {
    const distinctId = e?.distinct_id ?? e?.properties?.distinct_id;
    if (typeof distinctId === 'string' && distinctId) into.distinctIds.add(distinctId);
    const sessionId = e?.properties?.$session_id;
    if (typeof sessionId === 'string' && sessionId) into.sessionIds.add(sessionId);
  }
}

/** Records the ids of every event a context's pages post to the collector (recordings included: same session). */
export function watchIdentities(context: BrowserContext, into: SentIdentities): void {
  context.on('request', (req) => {
    if (req.method() !== 'POST' || !/\/ingest\/(e|i\/v0\/e|batch|capture|s)\/?(\?|$)/.test(new URL(req.url()).pathname + new URL(req.url()).search)) return;
    try {
      collect(decodeBody(req), into);
    } catch {
      // Not a body this reader knows: the run-wide scan still sees its findings.
    }
  });
}

/** The collector's findings on the given identities (merged persons included), without duplicates. */
export async function findingsFor(request: APIRequestContext, ids: SentIdentities): Promise<HealthWarningRow[]> {
  const found = new Map<number, HealthWarningRow>();
  const queries = [...[...ids.sessionIds].map((s) => `session_id=${encodeURIComponent(s)}`), ...[...ids.distinctIds].map((d) => `distinct_id=${encodeURIComponent(d)}`)];
  for (const q of queries) {
    const res = await request.get(`/api/dev/inbox/health?${q}&limit=1000`);
    if (!res.ok()) throw new Error(`GET /api/dev/inbox/health?${q}: ${res.status()} ${await res.text()}`);
    for (const w of ((await res.json()) as HealthReport).warnings) found.set(w.id, w);
  }
  return [...found.values()].sort((a, b) => a.id - b.id);
}

/** One line per finding: what a failing test prints. */
export function describeFindings(findings: readonly HealthWarningRow[]): string {
  return findings
    .map((w) => `  ${w.severity} ${w.rule} on ${w.event}${w.path ? ` at ${w.path}` : ''}: ${w.message} (event ${w.event_uuid}, ${w.doc})`)
    .join('\n');
}

/** Values the PII rule looks for from now on (a test's typed password, name, email). */
export async function registerHealthSecrets(request: APIRequestContext, secrets: string[]): Promise<void> {
  const values = [...new Set(secrets.map((s) => s.trim()).filter((s) => s.length >= 4 && s.length <= 500))];
  if (!values.length) return;
  const res = await request.post('/api/dev/inbox/health/secrets', { data: { secrets: values } });
  // A server without the local inbox (production mode, the relay and hosts-down servers) answers 404: nothing checks
  // its events, so there is nothing to register.
  if (res.status() === 404) return;
  if (res.status() !== 204) throw new Error(`POST /api/dev/inbox/health/secrets: ${res.status()} ${await res.text()}`);
}
