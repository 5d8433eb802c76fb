// Picks the representative requests out of a recording (JSONL from record-server.mjs) into the fixture files.
// Usage: node extract.mjs /tmp/orbit-h4-requests.jsonl  (edit `pick` if the recording order changes)
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

const rows = readFileSync(process.argv[2] ?? '/tmp/orbit-h4-requests.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const text = (r) => {
  let b = Buffer.from(r.body, 'base64');
  if (b[0] === 0x1f && b[1] === 0x8b) b = gunzipSync(b);
  const s = b.toString('latin1');
  return s.startsWith('data=') ? Buffer.from(decodeURIComponent(s.slice(5)), 'base64').toString() : s;
};
const find = (pred, what) => {
  const r = rows.find(pred);
  if (!r) throw new Error(`no request for ${what}`);
  return r;
};
const isGzip = (r) => Buffer.from(r.body, 'base64')[0] === 0x1f;
const posthog = {
  'posthog-node-batch-gzip': find((r) => r.url === '/ingest/batch/' && isGzip(r), 'node gzip'),
  'posthog-node-batch-json': find((r) => r.url === '/ingest/batch/' && !isGzip(r), 'node json'),
  'posthog-js-pageview-gzip': find((r) => r.url.startsWith('/ingest/e/') && isGzip(r), 'js /e/ gzip'),
  'posthog-js-identify-gzip': find((r) => r.url.startsWith('/ingest/i/v0/e/') && text(r).includes('"$identify"'), 'identify'),
  'posthog-js-events-gzip': find((r) => r.url.startsWith('/ingest/i/v0/e/') && text(r).includes('"$groupidentify"'), 'events'),
  'posthog-js-snapshot-gzip': find((r) => r.url.startsWith('/ingest/s/'), 'snapshot'),
  'posthog-js-pageview-json': find((r) => r.url.startsWith('/ingest/e/') && !isGzip(r) && r.body, 'js json'),
  'posthog-js-beacon-base64': find((r) => r.url.includes('compression=base64'), 'base64 form'),
  'posthog-js-flags-gzip': find((r) => r.url.startsWith('/ingest/flags/') && isGzip(r), 'flags gzip'),
  'posthog-js-flags-json': find((r) => r.url.startsWith('/ingest/flags/') && !isGzip(r), 'flags json'),
};
const sentryRows = rows.filter((r) => r.url.startsWith('/sentry/'));
const client = (r) => (r.url.includes('javascript.node') ? 'node' : 'browser');
const sentry = {
  'sentry-node-spans': find((r) => client(r) === 'node' && text(r).includes('"type":"span"'), 'node spans'),
  'sentry-node-event': find((r) => client(r) === 'node' && text(r).includes('fixture server error') && !isGzip(r), 'node event'),
  'sentry-node-event-gzip': find((r) => client(r) === 'node' && isGzip(r), 'node gzip event'),
  'sentry-node-session': find((r) => client(r) === 'node' && text(r).includes('"type":"session"'), 'session'),
  'sentry-node-transaction': find((r) => text(r).includes('"type":"transaction"'), 'transaction'),
  'sentry-browser-event': find((r) => client(r) === 'browser' && text(r).includes('"type":"event"'), 'browser event'),
  'sentry-browser-spans': sentryRows.filter((r) => client(r) === 'browser' && text(r).includes('"is_segment":true')).sort((a, b) => a.body.length - b.body.length)[0],
  'sentry-browser-replay': find((r) => text(r).includes('"type":"replay_recording"'), 'replay'),
};
const keep = (r) => ({
  method: r.method,
  url: r.url,
  headers: Object.fromEntries(Object.entries(r.headers).filter(([k]) => ['content-type', 'content-encoding', 'user-agent'].includes(k))),
  body_base64: r.body,
});
const dir = path.resolve(import.meta.dirname, '..');
for (const [file, set] of [['posthog-requests.json', posthog], ['sentry-requests.json', sentry]]) {
  writeFileSync(path.join(dir, file), JSON.stringify(Object.fromEntries(Object.entries(set).map(([k, r]) => [k, keep(r)])), null, 1) + '\n');
}
