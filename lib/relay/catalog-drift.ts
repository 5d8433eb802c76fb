// Catalog drift in production: the `/ingest` relay counts, per event name, the events posthog-js sends that the plan
// (lib/analytics/catalog.ts) would not have: an unknown name, properties failing the event's schema, a server-only
// event from the browser (lib/analytics/catalog-check.ts, the rules the local inbox's event health applies). Every
// interval with something to say, one personless `analytics.catalog_drift` event carries the counts through the
// server client's outbox, so drift shows on the Reliability dashboard and alerts.
//
// It never costs the visitor anything: the relay hands a capture body over after PostHog took it (or the store did),
// the body waits in a short queue (full → counted as unread, dropped) and is read one per event-loop turn with
// setImmediate. Reading is bounded: a body over MAX_BODY_BYTES is not read; every decompression layer (Content-Encoding,
// posthog-js's gzip-js, a beacon's base64 form) draws from one inflate budget per body, and zlib stops at it; at most
// MAX_EVENTS_PER_BODY events are checked per body. Nothing of a payload is kept: only counts, under at most MAX_NAMES
// distinct event names (the rest, and any name that is not made of an event name's characters, under `(other)`),
// each cut to 100 characters. Nothing here throws.
import 'server-only';
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { catalogFindings, type CatalogRule } from '@/lib/analytics/catalog-check';
import type { EventProperties } from '@/lib/analytics/catalog';
import { serverAnalytics } from '@/lib/analytics/server/client';

const DRIFT_LIMITS = {
  /** Bodies larger than this (as received) are not read: posthog-js's event batches are a few KiB gzipped. */
  maxBodyBytes: 256 * 1024,
  /** What all the decompression layers of one body may inflate to, together. */
  maxInflatedBytes: 2 * 1024 * 1024,
  maxEventsPerBody: 1_000,
  /** Bodies waiting to be read; more are dropped (counted as unread). */
  maxPending: 16,
  /** Distinct event names counted per interval; the rest count under OTHER. */
  maxNames: 50,
  intervalMs: 60_000,
};

const OTHER = '(other)';
/** What a reported name may be: an event name's characters, never free text. */
const EVENT_NAME = /^[$\w][\w$.:-]{0,99}$/;
const MAX_NAME_CHARS = 100;
const RULES = ['unknown_event', 'schema', 'wrong_side'] as const satisfies readonly CatalogRule[];
/** posthog-js's event capture paths; recordings (`/s/`) carry `$snapshot`, which the catalog does not check. */
const EVENT_PATH = /^\/(e|batch|i\/v0\/e)\/?(\?|$)/;

export type DriftReport = EventProperties<'analytics.catalog_drift'>;
type Counts = Record<CatalogRule, number>;
type Pending = { path: string; body: Uint8Array; contentType: string; contentEncoding: string };
type Limits = typeof DRIFT_LIMITS;

class Unreadable extends Error {}

const zero = (): Counts => ({ unknown_event: 0, schema: 0, wrong_side: 0 });
const isGzip = (b: Uint8Array) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
const isZlib = (b: Uint8Array) => b.length >= 2 && b[0] === 0x78 && ((b[0] << 8) | b[1]!) % 31 === 0;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One body's decompression: each layer inflates at most what is left of the budget (zlib stops there). */
function inflater(limit: number) {
  let left = limit;
  return (bytes: Uint8Array, encoding: 'gzip' | 'deflate' | 'br'): Uint8Array => {
    if (left < 1) throw new Unreadable('budget');
    const options = { maxOutputLength: left };
    let out: Uint8Array;
    try {
      if (encoding === 'br') out = brotliDecompressSync(bytes, options);
      else if (encoding === 'gzip') out = gunzipSync(bytes, options);
      else out = isZlib(bytes) ? inflateSync(bytes, options) : inflateRawSync(bytes, options);
    } catch {
      throw new Unreadable(encoding);
    }
    left -= out.byteLength;
    return out;
  };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The JSON posthog-js posted: gzip (Content-Encoding or `compression=gzip-js`), a beacon's `data=` form, base64, plain. */
function decodeCapture(p: Pending, inflateBudget: number): unknown {
  const inflate = inflater(inflateBudget);
  const enc = p.contentEncoding.trim().toLowerCase();
  let bytes = p.body;
  if (enc === 'gzip' || enc === 'x-gzip') bytes = inflate(bytes, 'gzip');
  else if (enc === 'deflate') bytes = inflate(bytes, 'deflate');
  else if (enc === 'br') bytes = inflate(bytes, 'br');
  else if (enc && enc !== 'identity') throw new Unreadable('encoding');
  else if (isGzip(bytes)) bytes = inflate(bytes, 'gzip');
  let text = utf8.decode(bytes);
  if (!/^\s*[[{]/.test(text)) {
    const compression = new URL(p.path, 'http://relay.invalid').searchParams.get('compression');
    const isForm = p.contentType.toLowerCase().startsWith('application/x-www-form-urlencoded') || /^data=/.test(text);
    if (!isForm && compression !== 'base64') throw new Unreadable('format');
    const data = (isForm ? new URLSearchParams(text).get('data') : text)?.trim();
    if (!data) throw new Unreadable('form');
    if (/^[[{]/.test(data)) {
      text = data;
    } else {
      const decoded = Buffer.from(data.replace(/ /g, '+'), 'base64');
      text = utf8.decode(isGzip(decoded) ? inflate(decoded, 'gzip') : decoded);
    }
  }
  return JSON.parse(text) as unknown;
}

/** The events of a capture body: an array, `{ batch }`, legacy `{ data }`, or one event. */
function eventsOf(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (!isRecord(json)) return [];
  if (Array.isArray(json.batch)) return json.batch;
  if (json.data !== undefined) return Array.isArray(json.data) ? json.data : [json.data];
  return [json];
}

export class CatalogDrift {
  private pending: Pending[] = [];
  private scheduled = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private byName = new Map<string, Counts>();
  private totals = zero();
  private checked = 0;
  private findings = 0;
  private unread = 0;
  private since = Date.now();

  constructor(
    private readonly report: (report: DriftReport) => void,
    private readonly limits: Limits = DRIFT_LIMITS,
  ) {}

  /** Hands a relayed capture body over: O(1), never throws, never reads the body here. */
  observe(req: Request, path: string | null, body: Uint8Array | undefined): void {
    try {
      if (!body || path === null || !EVENT_PATH.test(path)) return;
      this.start();
      if (body.byteLength > this.limits.maxBodyBytes || this.pending.length >= this.limits.maxPending) {
        this.unread++;
        return;
      }
      this.pending.push({ path, body, contentType: req.headers.get('content-type') ?? '', contentEncoding: req.headers.get('content-encoding') ?? '' });
      this.schedule();
    } catch {
      // Counting drift never breaks the relay.
    }
  }

  /** Reads what waits now (tests; the interval reads as it goes). */
  drain(): void {
    while (this.pending.length) this.readOne();
  }

  /** The counts since the last report, and resets them; null when there is nothing to say. */
  take(now = Date.now()): DriftReport | null {
    if (this.findings === 0 && this.unread === 0) return null;
    const events = [...this.byName].map(([event, counts]) => ({ event, ...counts }));
    const report: DriftReport = {
      checked: this.checked,
      findings: this.findings,
      ...this.totals,
      events,
      unread: this.unread,
      window_s: Math.max(0, Math.round((now - this.since) / 1000)),
    };
    this.byName = new Map();
    this.totals = zero();
    this.checked = this.findings = this.unread = 0;
    this.since = now;
    return report;
  }

  /** Reports what was counted, if anything (every interval, and at will). */
  flush(): void {
    try {
      this.drain();
      const report = this.take();
      if (report) this.report(report);
    } catch (error) {
      console.warn('[relay] catalog drift report failed', error instanceof Error ? error.message : String(error));
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.pending = [];
  }

  private start(): void {
    if (this.timer || this.limits.intervalMs <= 0) return;
    this.since = Date.now();
    this.timer = setInterval(() => this.flush(), this.limits.intervalMs);
    this.timer.unref?.();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.readOne();
      if (this.pending.length) this.schedule();
    });
  }

  private readOne(): void {
    const next = this.pending.shift();
    if (!next) return;
    let json: unknown;
    try {
      json = decodeCapture(next, this.limits.maxInflatedBytes);
    } catch {
      this.unread++;
      return;
    }
    try {
      for (const item of eventsOf(json).slice(0, this.limits.maxEventsPerBody)) {
        if (!isRecord(item) || typeof item.event !== 'string') continue;
        this.checked++;
        const rules = new Set(catalogFindings(item.event, item.properties, 'web').map((f) => f.rule));
        if (!rules.size) continue;
        this.findings++;
        const counts = this.countsFor(item.event);
        for (const rule of RULES) {
          if (!rules.has(rule)) continue;
          counts[rule]++;
          this.totals[rule]++;
        }
      }
    } catch {
      this.unread++;
    }
  }

  private countsFor(event: string): Counts {
    const name = event.slice(0, MAX_NAME_CHARS);
    let counts = this.byName.get(name);
    if (counts) return counts;
    // maxNames names, then one bucket for the rest: memory stays bounded whatever names arrive. A name that does not
    // look like an event name (spaces, `@`, anything a person may have typed) is never reported as such.
    const key = this.byName.size < this.limits.maxNames && EVENT_NAME.test(name) ? name : OTHER;
    counts = this.byName.get(key) ?? zero();
    this.byName.set(key, counts);
    return counts;
  }
}

// ---- the process-wide counter ----

const GLOBAL_KEY = Symbol.for('orbit.catalogDrift');
type GlobalSlot = { [GLOBAL_KEY]?: CatalogDrift };

/** The deployment reporting on itself: personless, never a visitor. */
const sendReport = (report: DriftReport) => serverAnalytics().capture('analytics.catalog_drift', report, { distinctId: 'orbit_server', hasPerson: false });

function catalogDrift(): CatalogDrift {
  const slot = globalThis as GlobalSlot;
  return (slot[GLOBAL_KEY] ??= new CatalogDrift(sendReport));
}

/** Replaces the process's counter (tests): the previous one stops. */
export function configureCatalogDrift(limits: Partial<Limits> = {}, report: (r: DriftReport) => void = sendReport): CatalogDrift {
  const slot = globalThis as GlobalSlot;
  slot[GLOBAL_KEY]?.stop();
  return (slot[GLOBAL_KEY] = new CatalogDrift(report, { ...DRIFT_LIMITS, ...limits }));
}

/** The relay's hook: called once the capture was answered. */
export function observeCatalogDrift(req: Request, path: string | null, body: Uint8Array | undefined): void {
  catalogDrift().observe(req, path, body);
}
