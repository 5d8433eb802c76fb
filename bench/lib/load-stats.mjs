// The pure parts of the load benchmark (bench/load.mjs) and of its fake PostHog host (bench/lib/collector.mjs):
// event counting by uuid, the latency table, the event balance, a server action's request body, a cookie jar and
// the per-user client address. No I/O here, so all of it is unit-tested (bench/lib/load-stats.test.ts).
import { quantile } from './stats.mjs';

/**
 * Counts a batch of PostHog events into `seen` (a Set of uuids). posthog-node gives every event a uuid and PostHog
 * itself deduplicates on it, so a batch sent twice (a retry after a timeout) is one delivery, not two.
 * @param {Set<string>} seen
 * @param {unknown[]} events
 * @returns {{ added: number, duplicates: number, withoutUuid: number }}
 */
export function countEvents(seen, events) {
  let added = 0;
  let duplicates = 0;
  let withoutUuid = 0;
  for (const e of events) {
    const uuid = e && typeof e === 'object' && typeof (/** @type {{ uuid?: unknown }} */ (e).uuid) === 'string' ? /** @type {{ uuid: string }} */ (e).uuid : null;
    if (uuid === null) withoutUuid += 1;
    else if (seen.has(uuid)) duplicates += 1;
    else {
      seen.add(uuid);
      added += 1;
    }
  }
  return { added, duplicates, withoutUuid };
}

/**
 * What the servers said they captured vs what the fake host received. `lost` counts events captured and never
 * received (uuids are unique per event, so received > captured would mean events nobody accounted for: `extra`).
 * @param {{ captured: number, received: number, duplicates: number, withoutUuid?: number }} o
 */
export function eventBalance({ captured, received, duplicates, withoutUuid = 0 }) {
  return {
    captured,
    received,
    duplicates,
    withoutUuid,
    lost: Math.max(0, captured - received),
    extra: Math.max(0, received - captured),
  };
}

/**
 * Latency per step and overall: count, p50, p99 and max (ms), in the order the steps first appear.
 * @param {Array<{ step: string, ms: number }>} samples
 * @returns {Array<{ step: string, n: number, p50: number, p99: number, max: number }>}
 */
export function latencyTable(samples) {
  /** @type {Map<string, number[]>} */
  const bySteps = new Map();
  for (const s of samples) {
    const list = bySteps.get(s.step) ?? [];
    list.push(s.ms);
    bySteps.set(s.step, list);
  }
  const row = (step, xs) => ({ step, n: xs.length, p50: quantile(xs, 0.5), p99: quantile(xs, 0.99), max: xs.length ? Math.max(...xs) : Number.NaN });
  return [...[...bySteps].map(([step, xs]) => row(step, xs)), row('all', samples.map((s) => s.ms))];
}

/**
 * Applies Set-Cookie headers to a jar (name → value). Every instance is on 127.0.0.1 and cookies are per host, not
 * per port, so one jar serves a user on both instances. An expired or emptied cookie is removed.
 * @param {Map<string, string>} jar
 * @param {string[]} setCookies
 */
export function applySetCookies(jar, setCookies) {
  for (const line of setCookies) {
    const [pair = '', ...attributes] = line.split(';');
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attributes.some((a) => {
      const [k = '', v = ''] = a.split('=').map((x) => x.trim());
      if (k.toLowerCase() === 'max-age') return Number(v) <= 0;
      if (k.toLowerCase() === 'expires') return Date.parse(v) <= Date.now();
      return false;
    });
    if (expired || value === '') jar.delete(name);
    else jar.set(name, value);
  }
  return jar;
}

/** @param {Map<string, string>} jar */
export const cookieHeader = (jar) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/**
 * A distinct client address per simulated user (10.0.0.1, 10.0.0.2 … 10.255.255.254), sent as X-Forwarded-For to
 * servers that trust one proxy hop (TRUSTED_PROXY_HOPS=1): per-IP limits then see many clients, as behind a real
 * load balancer, instead of one loopback address.
 * @param {number} n 0-based user number
 */
export function clientAddress(n) {
  const i = (n % 0xfffffe) + 1;
  return `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
}

/**
 * A compact RSS-over-time line: "t=0s 180 · t=5s 212 · …" in MiB.
 * @param {Array<{ t: number, bytes: number }>} samples t in seconds since the start
 */
export function rssLine(samples) {
  return samples.map((s) => `${Math.round(s.t)}s ${Math.round(s.bytes / 1048576)}`).join(' · ');
}
