// Sentry envelopes: a JSON header line, then items (a JSON header line, then a payload of `length` bytes, or up
// to the next newline when there is no length). Items become inbox rows: JSON payloads parsed, span and log
// containers split into one row per span / log, binary payloads (replay recordings, attachments) kept as base64.
import 'server-only';
import { inflate, isBudgetExceeded, isZlib, toBase64, type DecompressionBudget } from './decode';
import { badRequest } from './http';
import type { Json } from '@/lib/inbox/rows';
import { get, isObject, str } from '@/lib/inbox/json';

type EnvelopeItem = { header: Json & { type: string }; payload: Uint8Array };
export type Envelope = { header: Json; items: EnvelopeItem[] };

const NEWLINE = 0x0a;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function jsonLine(bytes: Uint8Array, what: string): Json {
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(bytes));
  } catch {
    throw badRequest(`The envelope's ${what} is not a JSON line.`);
  }
  if (!isObject(value)) throw badRequest(`The envelope's ${what} is not a JSON object.`);
  return value;
}

export function parseEnvelope(bytes: Uint8Array): Envelope {
  let pos = 0;
  const readLine = (): Uint8Array | null => {
    if (pos >= bytes.length) return null;
    const idx = bytes.indexOf(NEWLINE, pos);
    const end = idx < 0 ? bytes.length : idx;
    const line = bytes.subarray(pos, end);
    pos = idx < 0 ? bytes.length : idx + 1;
    return line;
  };
  const first = readLine();
  if (!first || first.length === 0) throw badRequest('The envelope is empty.');
  const header = jsonLine(first, 'header');
  const items: EnvelopeItem[] = [];
  for (;;) {
    const line = readLine();
    if (line === null) break;
    if (line.every((b) => b === 0x20 || b === 0x0d || b === 0x09)) continue;
    const itemHeader = jsonLine(line, `item ${items.length} header`);
    if (typeof itemHeader.type !== 'string' || !itemHeader.type) throw badRequest(`Envelope item ${items.length} has no type.`);
    let payload: Uint8Array;
    if (itemHeader.length !== undefined) {
      const length = itemHeader.length;
      if (typeof length !== 'number' || !Number.isInteger(length) || length < 0) {
        throw badRequest(`Envelope item ${items.length} has an invalid length.`);
      }
      if (pos + length > bytes.length) {
        throw badRequest(`Envelope item ${items.length} declares ${length} bytes but only ${bytes.length - pos} follow.`);
      }
      payload = bytes.subarray(pos, pos + length);
      pos += length;
      if (bytes[pos] === NEWLINE) pos += 1;
    } else {
      payload = readLine() ?? new Uint8Array(0);
    }
    items.push({ header: itemHeader as Json & { type: string }, payload });
  }
  return { header, items };
}

export type SentryRow = {
  type: string;
  itemType: string;
  eventId: string | null;
  traceId: string | null;
  spanId: string | null;
  parentSpanId: string | null;
  name: string | null;
  op: string | null;
  payload: unknown;
  raw: string | null;
  itemHeader: Json;
  size: number;
};

const attr = (span: Json, key: string): unknown => get(span, 'attributes', key, 'value') ?? get(span, 'attributes', key);

function tryJson(payload: Uint8Array): unknown {
  try {
    return JSON.parse(utf8.decode(payload)) as unknown;
  } catch {
    return undefined;
  }
}

function eventName(p: Json): string | null {
  const exception = get(p, 'exception', 'values');
  if (Array.isArray(exception) && exception.length) {
    const last = exception[exception.length - 1] as unknown;
    const type = str(get(last, 'type'));
    const value = str(get(last, 'value'));
    return [type, value].filter(Boolean).join(': ') || null;
  }
  return str(p.message) ?? str(get(p, 'message', 'formatted')) ?? str(get(p, 'logentry', 'message')) ?? str(p.transaction);
}

/** A replay_recording payload: `{"segment_id":N}\n` then the rrweb events, zlib-compressed or plain JSON. */
function replayRecording(payload: Uint8Array, budget: DecompressionBudget): Json {
  const nl = payload.indexOf(NEWLINE);
  const headerBytes = nl < 0 ? payload : payload.subarray(0, nl);
  const header = tryJson(headerBytes);
  const body = nl < 0 ? new Uint8Array(0) : payload.subarray(nl + 1);
  const out: Json = { ...(isObject(header) ? header : {}), bytes: body.length, compressed: isZlib(body) };
  try {
    const decoded = isZlib(body) ? inflate(body, 'deflate', budget, 'replay recording') : body;
    const events = JSON.parse(utf8.decode(decoded)) as unknown;
    if (Array.isArray(events)) out.events = events;
  } catch (error) {
    if (isBudgetExceeded(error)) throw error;
    // Kept raw: the row's `raw` column has every byte.
  }
  return out;
}

function base(item: EnvelopeItem, envelope: Envelope): Omit<SentryRow, 'type' | 'payload' | 'raw'> {
  return {
    itemType: item.header.type,
    eventId: str(envelope.header.event_id),
    traceId: str(get(envelope.header, 'trace', 'trace_id')),
    spanId: null,
    parentSpanId: null,
    name: null,
    op: null,
    itemHeader: item.header,
    size: item.payload.length,
  };
}

/**
 * The inbox rows for one envelope, in item order. Unknown item types are kept (raw when not JSON). Replay
 * recordings inflate from the request's `budget`.
 */
export function envelopeRows(envelope: Envelope, budget: DecompressionBudget): SentryRow[] {
  const rows: SentryRow[] = [];
  for (const item of envelope.items) {
    const b = base(item, envelope);
    const type = item.header.type;
    if (type === 'replay_recording') {
      const payload = replayRecording(item.payload, budget);
      rows.push({ ...b, type, payload, raw: toBase64(item.payload), name: `segment ${String(payload.segment_id ?? '?')}` });
      continue;
    }
    if (type === 'attachment') {
      const meta = { filename: item.header.filename, content_type: item.header.content_type, attachment_type: item.header.attachment_type };
      rows.push({ ...b, type, payload: meta, raw: toBase64(item.payload), name: str(item.header.filename) });
      continue;
    }
    const json = tryJson(item.payload);
    if (json === undefined) {
      rows.push({ ...b, type, payload: null, raw: toBase64(item.payload) });
      continue;
    }
    const container = isObject(json) && Array.isArray(json.items) && (type === 'span' || type === 'log') ? json.items : null;
    if (container) {
      for (const entry of container) {
        if (!isObject(entry)) continue;
        const row: SentryRow = { ...b, type, payload: entry, raw: null, size: JSON.stringify(entry).length };
        row.traceId = str(entry.trace_id) ?? b.traceId;
        if (type === 'span') {
          // span v2: the segment span is what other clients send as a transaction.
          row.type = entry.is_segment === true ? 'transaction' : 'span';
          row.spanId = str(entry.span_id);
          row.parentSpanId = str(entry.parent_span_id);
          row.name = str(entry.name);
          row.op = str(attr(entry, 'sentry.op'));
          row.eventId = null;
        } else {
          row.spanId = str(entry.span_id);
          row.name = typeof entry.body === 'string' ? entry.body.slice(0, 500) : null;
          row.op = str(entry.level);
        }
        rows.push(row);
      }
      continue;
    }
    const p = isObject(json) ? json : {};
    const row: SentryRow = { ...b, type, payload: json, raw: null };
    row.eventId = str(p.event_id) ?? str(p.replay_id) ?? b.eventId;
    row.traceId = str(get(p, 'contexts', 'trace', 'trace_id')) ?? str(p.trace_id) ?? b.traceId;
    row.spanId = str(get(p, 'contexts', 'trace', 'span_id')) ?? str(p.span_id);
    row.parentSpanId = str(get(p, 'contexts', 'trace', 'parent_span_id')) ?? str(p.parent_span_id);
    row.op = str(get(p, 'contexts', 'trace', 'op')) ?? str(p.op);
    if (type === 'event' || type === 'transaction') row.name = eventName(p);
    else if (type === 'session') row.name = [str(p.status), str(p.sid)].filter(Boolean).join(' ') || null;
    else if (type === 'replay_event') row.name = str(p.replay_type) ?? str(p.transaction);
    else if (type === 'span') row.name = str(p.description) ?? str(p.name);
    rows.push(row);
  }
  return rows;
}
