// The last project of the suite (`privacy-scan`, after `chromium`): every payload the local collector stored during
// the whole run — PostHog events, persons, session recordings, Sentry items (the raw bytes of binary ones) — is
// searched for every password, email, name, workspace and project name, task title, card number and CVC the tests typed
// (e2e/support/typed-secrets.ts).
// Raw strings and the encoded forms a body would carry them in (URL-encoded, form-encoded, JSON-escaped); emails
// that arrive hashed or as `[email]` are fine, an email in clear is not. Zero occurrences, or the test fails.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { getInboxJson as get, settledStats } from './inbox';
import { readSecrets, type TypedSecret } from './support/typed-secrets';

type Row = { id: number; timestamp?: string };
type Payload = { where: string; text: string };

const PAGE = 1000;

/** All PostHog events: ordered by timestamp, so page by `since` (inclusive) and dedupe by id. */
async function allEvents(request: APIRequestContext): Promise<Array<Row & Record<string, unknown>>> {
  const byId = new Map<number, Row & Record<string, unknown>>();
  let since = '0';
  for (;;) {
    const { events } = await get<{ events: Array<Row & Record<string, unknown>> }>(request, `/api/dev/inbox/events?limit=${PAGE}&order=asc&since=${encodeURIComponent(since)}`);
    const before = byId.size;
    for (const e of events) byId.set(e.id, e);
    if (events.length < PAGE) break;
    const next = events[events.length - 1]?.timestamp;
    if (!next || (byId.size === before && next === since)) throw new Error(`more than ${PAGE} events share the timestamp ${since}: cannot page`);
    since = next;
  }
  return [...byId.values()];
}

/**
 * All Sentry items by id, from the list (payloads included); items stored as raw bytes (no JSON payload: replay
 * recordings, attachments) are fetched one by one for their bytes (base64, decoded here) and headers.
 */
async function allSentryItems(request: APIRequestContext): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = [];
  let after = 0;
  for (;;) {
    const { items } = await get<{ items: Array<Row & Record<string, unknown>> }>(request, `/api/dev/inbox/sentry?limit=${PAGE}&order=asc&after=${after}`);
    for (const item of items) {
      if (item.payload !== null && item.payload !== undefined) {
        out.push(item);
        continue;
      }
      const full = await get<Record<string, unknown>>(request, `/api/dev/inbox/sentry/${item.id}`);
      const raw = typeof full.raw_base64 === 'string' ? Buffer.from(full.raw_base64, 'base64').toString('latin1') : '';
      out.push({ ...full, raw_decoded: raw });
    }
    if (items.length < PAGE) break;
    after = items[items.length - 1]!.id;
  }
  return out;
}

/** The forms a typed value takes in a stored payload: as typed, URL- or form-encoded, JSON-escaped, card digits. */
export function needles({ kind, value }: TypedSecret): string[] {
  const forms = new Set([value, encodeURIComponent(value), encodeURIComponent(value).replace(/%20/g, '+'), JSON.stringify(value).slice(1, -1)]);
  if (kind === 'card') {
    const digits = value.replace(/\D/g, '');
    forms.add(digits);
    forms.add(digits.replace(/(\d{4})(?=\d)/g, '$1 '));
    forms.add(digits.replace(/(\d{4})(?=\d)/g, '$1-'));
  }
  return [...forms].map((f) => f.toLowerCase());
}

/** A CVC is three digits: only a hit next to a cvc-ish field name counts (JSON, form, multipart, escaped). */
function cvcPattern(value: string): RegExp {
  return new RegExp(`(?:cvc|cvv|csc|security.?code)(?:[^0-9a-z]|\\\\[rnt]){0,40}${value.replace(/\D/g, '')}(?!\\d)`, 'i');
}

export function findSecrets(payloads: Payload[], secrets: TypedSecret[]): string[] {
  const hits: string[] = [];
  const plain = secrets.filter((s) => s.kind !== 'cvc').map((s) => ({ s, forms: needles(s) }));
  const cvcs = [...new Set(secrets.filter((s) => s.kind === 'cvc').map((s) => s.value))].map(cvcPattern);
  for (const p of payloads) {
    const text = p.text.toLowerCase();
    for (const { s, forms } of plain) {
      const form = forms.find((f) => text.includes(f));
      if (form) hits.push(`${s.kind} ${JSON.stringify(s.value)} in ${p.where}: …${p.text.slice(Math.max(0, text.indexOf(form) - 80), text.indexOf(form) + form.length + 40)}…`);
    }
    for (const re of cvcs) {
      const m = re.exec(p.text);
      if (m) hits.push(`cvc in ${p.where}: …${p.text.slice(Math.max(0, m.index - 60), m.index + m[0].length + 20)}…`);
    }
  }
  return hits;
}

test('no password, email, name, workspace or project name, card number or CVC typed during the run reached the collector', async ({ request }) => {
  test.setTimeout(600_000);
  const secrets = readSecrets();
  expect(secrets.length, 'the fixtures registered the secrets they typed (run after the chromium project)').toBeGreaterThan(0);

  const stats = await settledStats(request);
  for (const [table, n] of [['events', stats.events], ['snapshots', stats.snapshots], ['sentry_items', stats.sentry_items]] as const) {
    // The inbox keeps the newest INBOX_MAX_ROWS per table: a full table may have dropped payloads unscanned.
    expect(n, `${table} below INBOX_MAX_ROWS, so nothing was trimmed before the scan`).toBeLessThan(stats.max_rows_per_table);
  }

  const payloads: Payload[] = [];
  const events = await allEvents(request);
  expect(events.length, 'every stored event read').toBeGreaterThanOrEqual(stats.events);
  for (const e of events) payloads.push({ where: `posthog event #${e.id} ${String(e.event)}`, text: JSON.stringify(e) });

  const { persons } = await get<{ persons: unknown[] }>(request, `/api/dev/inbox/persons?limit=${PAGE}`);
  for (const [i, p] of persons.entries()) payloads.push({ where: `posthog person ${i}`, text: JSON.stringify(p) });

  const { recordings } = await get<{ recordings: Array<{ session_id: string }> }>(request, `/api/dev/inbox/recordings?limit=${PAGE}`);
  expect(recordings.length, 'every recording listed').toBe(stats.recordings);
  for (const r of recordings) {
    const recording = await get<unknown>(request, `/api/dev/inbox/recordings/${encodeURIComponent(r.session_id)}`);
    payloads.push({ where: `recording ${r.session_id}`, text: JSON.stringify(recording) });
  }

  const items = await allSentryItems(request);
  expect(items.length, 'every stored Sentry item read').toBeGreaterThanOrEqual(stats.sentry_items);
  for (const item of items) payloads.push({ where: `sentry item #${String(item.id)} ${String(item.type)} ${String(item.name)}`, text: JSON.stringify(item) });

  const hits = findSecrets(payloads, secrets);
  const summary = `privacy scan: ${payloads.length} payloads scanned (${events.length} events, ${persons.length} persons, ${recordings.length} recordings, ${items.length} sentry items), ${secrets.length} secrets, ${hits.length} occurrences`;
  console.log(summary);
  test.info().annotations.push({ type: 'privacy-scan', description: summary });
  expect(hits.slice(0, 20), summary).toEqual([]);
});
