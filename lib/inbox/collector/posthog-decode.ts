// Turns a PostHog capture request into a list of events, whatever the SDK did to it: gzip (`compression=gzip-js`
// or Content-Encoding, any content type), base64 forms (`data=`, `compression=base64`), plain JSON; a single
// event, an array, `{ batch: [...] }` (posthog-js ≥1.2xx and posthog-node's /batch/) or legacy `{ data }`.
import 'server-only';
import { z } from 'zod';
import { decodeContentEncoding, inflate, isGzip, parseJson, toText, type DecompressionBudget } from './decode';
import { badRequest, zodMessage } from './http';

export type DecodedRequest = { url: string; contentType: string | null; contentEncoding: string | null; body: Uint8Array };

/** The JSON value a PostHog SDK posted (capture or flags request); every layer inflates from `budget`. */
export function decodePosthogBody(req: DecodedRequest, budget: DecompressionBudget): unknown {
  const url = new URL(req.url, 'http://collector.local');
  const compression = url.searchParams.get('compression')?.toLowerCase() ?? null;
  if (compression === 'lz64') throw badRequest('compression=lz64 (posthog-js < 1.30) is not supported; upgrade posthog-js.');
  if (req.body.byteLength === 0) throw badRequest('The body is empty.');

  let bytes = decodeContentEncoding(req.body, req.contentEncoding, budget);
  let text = toText(bytes);
  const contentType = (req.contentType ?? '').toLowerCase();
  // `curl -d '{…}'` labels JSON as a form: only a body that looks like one is read as one.
  const looksLikeJson = /^\s*[[{]/.test(text);
  const isForm = !looksLikeJson && (contentType.startsWith('application/x-www-form-urlencoded') || /^data=/.test(text));
  if (isForm || (compression === 'base64' && !looksLikeJson)) {
    const data = isForm ? new URLSearchParams(text).get('data') : text;
    if (data === null) throw badRequest('A form body must carry the payload in `data`.');
    const trimmed = data.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      text = trimmed;
    } else {
      // URL-decoding turns a stray '+' into a space; base64 has no spaces.
      bytes = Buffer.from(trimmed.replace(/ /g, '+'), 'base64');
      if (bytes.byteLength === 0) throw badRequest('The `data` field is not base64.');
      text = toText(isGzip(bytes) ? inflate(bytes, 'gzip', budget, 'base64 data') : bytes, 'base64 data');
    }
  }
  return parseJson(text);
}

const distinctIdSchema = z.union([z.string().min(1), z.number()]).transform(String);

export const rawEventSchema = z
  .object({
    event: z.string().min(1).max(400),
    uuid: z.string().min(1).max(200).optional(),
    distinct_id: distinctIdSchema.optional(),
    properties: z.record(z.string(), z.unknown()).default({}),
    timestamp: z.union([z.string(), z.number()]).optional(),
    /** Milliseconds before sent_at (older SDKs send this instead of a timestamp). */
    offset: z.number().optional(),
    $set: z.record(z.string(), z.unknown()).optional(),
    $set_once: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();

export type RawEvent = z.infer<typeof rawEventSchema>;

export type CaptureBatch = { events: RawEvent[]; sentAt: Date | null; apiKey: string | null };

const envelopeSchema = z
  .object({
    batch: z.array(z.unknown()).optional(),
    data: z.unknown().optional(),
    sent_at: z.string().optional(),
    api_key: z.string().optional(),
  })
  .loose();

/** Splits a decoded capture body into validated events; any invalid event rejects the whole request. */
export function extractEvents(body: unknown): CaptureBatch {
  let items: unknown[];
  let sentAt: Date | null = null;
  let apiKey: string | null = null;
  if (Array.isArray(body)) {
    items = body;
  } else if (body && typeof body === 'object') {
    const env = envelopeSchema.parse(body);
    sentAt = env.sent_at ? parseDate(env.sent_at) : null;
    apiKey = env.api_key ?? null;
    if (env.batch) items = env.batch;
    else if (env.data !== undefined && !('event' in body)) items = Array.isArray(env.data) ? env.data : [env.data];
    else items = [body];
  } else {
    throw badRequest('Expected an event, an array of events or { batch: [...] }.');
  }
  if (items.length === 0) throw badRequest('The request contains no events.');
  const events = items.map((item, i) => {
    const result = rawEventSchema.safeParse(item);
    if (!result.success) throw badRequest(`Event ${i} is invalid: ${zodMessage(result.error)}`);
    const e = result.data;
    const distinctId = e.distinct_id ?? distinctIdSchema.optional().catch(undefined).parse(e.properties.distinct_id);
    if (!distinctId) throw badRequest(`Event ${i} (${e.event}) has no distinct_id.`);
    return { ...e, distinct_id: distinctId };
  });
  return { events, sentAt, apiKey };
}

function parseDate(value: string | number): Date | null {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * When the event happened. Like PostHog, a client timestamp is corrected by the client/server clock difference
 * measured with sent_at, so a browser with a wrong clock still lands at the right place.
 */
export function eventTimestamp(e: RawEvent, sentAt: Date | null, now: Date): Date {
  const ts = e.timestamp !== undefined ? parseDate(e.timestamp) : null;
  if (ts) {
    if (!sentAt) return ts;
    return new Date(now.getTime() - (sentAt.getTime() - ts.getTime()));
  }
  if (e.offset !== undefined) return new Date(now.getTime() - e.offset);
  return now;
}
