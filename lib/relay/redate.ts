// PostHog corrects each event's time for the sender's clock: timestamp = received_at + (timestamp - sent_at), with
// `sent_at` the moment the SDK sent the batch (posthog-js puts it in the body: `{ batch, sent_at }` for events, on
// every item for recordings) and received_at the moment PostHog's capture took it. A request the relay stored for a
// minute and sent byte for byte would land a minute late. So, when a stored capture is sent, its `sent_at` is moved
// forward by the time it waited in the queue: PostHog then computes exactly the time it would have computed had it
// taken the request when the browser sent it. Nothing else in the body changes; a body that cannot be read (not JSON,
// not gzip, past the decompression budget) goes as stored.
import 'server-only';
import { gunzipSync, gzipSync } from 'node:zlib';

/** The most a stored body may inflate to while it is read (a relayed body is at most 5 MiB compressed). */
const MAX_INFLATED_BYTES = 32 * 1024 * 1024;

const isGzip = (b: Uint8Array) => b.length > 2 && b[0] === 0x1f && b[1] === 0x8b;

function shifted(value: unknown, delayMs: number): string | null {
  if (typeof value !== 'string') return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : new Date(at + delayMs).toISOString();
}

/** `sent_at` of a batch object, or of each item of an array, moved by `delayMs`; null when there is none. */
function shiftJson(json: unknown, delayMs: number): unknown {
  let changed = false;
  const shiftOne = (item: unknown): unknown => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return item;
    const next = shifted((item as { sent_at?: unknown }).sent_at, delayMs);
    if (next === null) return item;
    changed = true;
    return { ...item, sent_at: next };
  };
  const out = Array.isArray(json) ? json.map(shiftOne) : shiftOne(json);
  return changed ? out : null;
}

/** A beacon's form body (`data=<base64 JSON>`, posthog-js at unload), redated; null when it is not one. */
function redatedForm(text: string, delayMs: number): Uint8Array | null {
  const form = new URLSearchParams(text);
  const data = form.get('data');
  if (data === null) return null;
  const next = shiftJson(JSON.parse(Buffer.from(data, 'base64').toString('utf8')), delayMs);
  if (next === null) return null;
  form.set('data', Buffer.from(JSON.stringify(next), 'utf8').toString('base64'));
  return new TextEncoder().encode(form.toString());
}

/** The body to send for a stored PostHog capture that waited `delayMs` (the stored bytes when nothing applies). */
export function redatedBody(body: Uint8Array, delayMs: number, contentType = ''): Uint8Array {
  if (delayMs <= 0) return body;
  try {
    if (contentType.includes('application/x-www-form-urlencoded')) return redatedForm(new TextDecoder('utf-8', { fatal: true }).decode(body), delayMs) ?? body;
    const gzip = isGzip(body);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(gzip ? gunzipSync(body, { maxOutputLength: MAX_INFLATED_BYTES }) : body);
    const next = shiftJson(JSON.parse(text), delayMs);
    if (next === null) return body;
    const bytes = new TextEncoder().encode(JSON.stringify(next));
    return gzip ? new Uint8Array(gzipSync(bytes)) : bytes;
  } catch {
    return body;
  }
}

/** The JSON a PostHog capture body carries (gzip, JSON, or a beacon's `data=` form), or undefined when unreadable. */
function captureJson(body: Uint8Array, contentType: string): unknown {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(isGzip(body) ? gunzipSync(body, { maxOutputLength: MAX_INFLATED_BYTES }) : body);
    if (contentType.includes('application/x-www-form-urlencoded')) {
      const data = new URLSearchParams(text).get('data');
      return data === null ? undefined : JSON.parse(Buffer.from(data, 'base64').toString('utf8'));
    }
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The event uuids of a stored PostHog capture (`{ batch }`, an array of events or recording items, or one event), or
 * null when the body cannot be read or an event has none: then it cannot be told apart from another, and is sent.
 */
export function eventUuids(body: Uint8Array, contentType = ''): string[] | null {
  const json = captureJson(body, contentType);
  const list: unknown = Array.isArray(json) ? json : typeof json === 'object' && json !== null && 'batch' in json ? (json as { batch: unknown }).batch : json === undefined ? undefined : [json];
  if (!Array.isArray(list) || list.length === 0) return null;
  const uuids: string[] = [];
  for (const e of list) {
    const uuid = typeof e === 'object' && e !== null ? (e as { uuid?: unknown }).uuid : undefined;
    if (typeof uuid !== 'string' || uuid === '') return null;
    uuids.push(uuid);
  }
  return uuids;
}
