#!/usr/bin/env node
// The benchmark's stand-in for PostHog Cloud and Sentry, run as its own process so the load generator's event
// loop cannot delay its answers. Loopback only.
//   --port P       a PostHog-compatible host: capture endpoints (/batch/ from posthog-node, /e/, /i/v0/e/, /s/ …,
//                  gzip or JSON or `data=` base64) answer after --delay ms and count every event by name and
//                  distinct id; /flags and remote config answer at once; /static/* serves posthog-js's own lazy
//                  scripts gzip-compressed like PostHog's CDN; Sentry envelopes (/api/<id>/envelope/) are counted.
//   --blackhole B  a TCP port that accepts connections and never answers (an unreachable analytics host).
//   GET /__bench/stats → counts; POST /__bench/reset clears them.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { countEvents } from './load-stats.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const POSTHOG_DIST = path.join(ROOT, 'node_modules', 'posthog-js', 'dist');
const CAPTURE = /^\/(batch|e|i\/v0\/e|capture|track|s|engage)\/?$/;

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const PORT = Number(arg('port', '3310'));
const BLACKHOLE = Number(arg('blackhole', '0'));
const DELAY = Number(arg('delay', '50'));

let stats;
/** Event uuids seen: a batch re-sent after a client-side timeout is counted once (PostHog dedupes by uuid too). */
let seen = new Set();
function reset() {
  stats = { since: Date.now(), requests: 0, captureRequests: 0, events: 0, uuids: 0, duplicates: 0, withoutUuid: 0, byEvent: {}, byDistinctId: {}, sentryEnvelopes: 0, sentryItems: {}, errors: 0, bytes: 0 };
  seen = new Set();
}
reset();

/** posthog-node posts `{ api_key, batch: [...] }` (gzip when it can); posthog-js JSON, gzip-js or `data=` base64. */
function decodeEvents(url, headers, buf) {
  let body = buf;
  const gz = headers['content-encoding'] === 'gzip' || /gzip/.test(url.searchParams.get('compression') ?? '') || (buf[0] === 0x1f && buf[1] === 0x8b);
  if (gz) body = zlib.gunzipSync(buf);
  let text = body.toString('utf8');
  if (text.startsWith('data=')) text = Buffer.from(decodeURIComponent(text.slice(5).split('&')[0]), 'base64').toString('utf8');
  if (!text.trim()) return [];
  const parsed = JSON.parse(text);
  if (Array.isArray(parsed)) return parsed;
  if (Array.isArray(parsed.batch)) return parsed.batch;
  return [parsed];
}

function count(events) {
  const fresh = events.filter((e) => {
    const known = typeof e?.uuid === 'string' && seen.has(e.uuid);
    return !known;
  });
  const tally = countEvents(seen, events);
  stats.uuids = seen.size;
  stats.duplicates += tally.duplicates;
  stats.withoutUuid += tally.withoutUuid;
  // By name and distinct id: each new uuid once, even when a batch repeats one.
  const named = new Set();
  for (const e of fresh) {
    const uuid = typeof e?.uuid === 'string' ? e.uuid : null;
    if (uuid !== null) {
      if (named.has(uuid)) continue;
      named.add(uuid);
    }
    const name = String(e?.event ?? '?');
    const id = String(e?.distinct_id ?? e?.properties?.distinct_id ?? '?');
    stats.events += 1;
    stats.byEvent[name] = (stats.byEvent[name] ?? 0) + 1;
    const perId = (stats.byDistinctId[id] ??= {});
    perId[name] = (perId[name] ?? 0) + 1;
  }
}

function remoteConfig(token) {
  return {
    token,
    supportedCompression: ['gzip', 'gzip-js'],
    hasFeatureFlags: true,
    autocapture_opt_out: false,
    capturePerformance: { network_timing: true, web_vitals: true, web_vitals_allowed_metrics: null },
    analytics: { endpoint: '/i/v0/e/' },
    elementsChainAsString: true,
    sessionRecording: { endpoint: '/s/', recorderVersion: 'v2', consoleLogRecordingEnabled: true, sampleRate: null },
    heatmaps: true,
    surveys: false,
    defaultIdentifiedOnly: true,
    siteApps: [],
  };
}

const send = (res, status, body, headers = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*', ...headers });
  res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
};

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const buf = Buffer.concat(chunks);
    stats.requests += 1;
    stats.bytes += buf.length;
    const p = url.pathname;
    try {
      if (req.method === 'OPTIONS') return send(res, 204, '', { 'access-control-allow-headers': '*', 'access-control-allow-methods': 'GET,POST' });
      if (p === '/__bench/stats') return send(res, 200, stats);
      if (p === '/__bench/reset') {
        reset();
        return send(res, 200, { ok: true });
      }
      if (CAPTURE.test(p) && req.method === 'POST') {
        count(decodeEvents(url, req.headers, buf));
        stats.captureRequests += 1;
        // The injected delay: a slow (but healthy) analytics host. Counted on arrival, answered late.
        return void setTimeout(() => send(res, 200, { status: 1 }), DELAY);
      }
      if (/^\/api\/[^/]+\/envelope\/?$/.test(p)) {
        stats.sentryEnvelopes += 1;
        for (const [i, line] of buf.toString('utf8').split('\n').entries()) {
          if (i === 0 || !line.startsWith('{"type"')) continue;
          const type = JSON.parse(line).type;
          stats.sentryItems[type] = (stats.sentryItems[type] ?? 0) + 1;
        }
        return send(res, 200, {});
      }
      if (/^\/(flags|decide)\/?$/.test(p)) {
        return send(res, 200, { flags: {}, featureFlags: {}, featureFlagPayloads: {}, errorsWhileComputingFlags: false, requestId: 'bench', ...remoteConfig('bench') });
      }
      const cfg = /^\/array\/([\w-]+)\/config(\.js)?$/.exec(p);
      if (cfg) {
        const token = cfg[1];
        if (!cfg[2]) return send(res, 200, remoteConfig(token));
        const js = `(window._POSTHOG_REMOTE_CONFIG=window._POSTHOG_REMOTE_CONFIG||{})[${JSON.stringify(token)}]={config:${JSON.stringify(remoteConfig(token))},siteApps:[]};`;
        return send(res, 200, js, { 'content-type': 'application/javascript' });
      }
      if (p.startsWith('/static/')) {
        const file = path.join(POSTHOG_DIST, path.basename(p));
        if (!/\.js$/.test(file) || !fs.existsSync(file)) return send(res, 404, { error: 'no such asset' });
        const gz = /gzip/.test(String(req.headers['accept-encoding'] ?? ''));
        const data = fs.readFileSync(file);
        return send(res, 200, gz ? zlib.gzipSync(data) : data, { 'content-type': 'application/javascript', ...(gz ? { 'content-encoding': 'gzip' } : {}) });
      }
      send(res, 404, { error: `unknown path ${p}` });
    } catch (error) {
      stats.errors += 1;
      send(res, 400, { error: String(error) });
    }
  });
});
server.keepAliveTimeout = 30_000;
server.listen(PORT, '127.0.0.1');

const held = new Set();
const blackhole = BLACKHOLE
  ? net.createServer((socket) => {
      // Accept, read and drop everything, never answer: what a firewalled or hung host looks like to a client.
      held.add(socket);
      socket.on('data', () => undefined);
      socket.on('error', () => undefined);
      socket.on('close', () => held.delete(socket));
    })
  : null;
blackhole?.listen(BLACKHOLE, '127.0.0.1');

Promise.all([
  new Promise((r) => server.once('listening', r)),
  blackhole ? new Promise((r) => blackhole.once('listening', r)) : null,
]).then(() => {
  process.send?.({ ready: true });
  console.log(`[collector] PostHog/Sentry stand-in on 127.0.0.1:${PORT} (capture delay ${DELAY} ms)${BLACKHOLE ? `, blackhole on ${BLACKHOLE}` : ''}`);
});

function stop() {
  for (const s of held) s.destroy();
  server.close();
  blackhole?.close();
  server.closeAllConnections?.();
  setTimeout(() => process.exit(0), 200).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);
