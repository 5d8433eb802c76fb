// Throwaway-grade recording server: answers like PostHog/Sentry and appends every request (method, url, headers,
// body as base64) to the JSONL file given as argv[3]. Used by record.mjs to capture fixtures from the real SDKs.
import { createServer } from 'node:http';
import { appendFileSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';

const port = Number(process.argv[2] ?? 3104);
const out = process.argv[3] ?? '/tmp/orbit-h4-requests.jsonl';
const root = path.resolve(import.meta.dirname, '../../../../..');
const dist = path.join(root, 'node_modules/posthog-js/dist');

const remote = (token) => ({
  token,
  supportedCompression: ['gzip', 'gzip-js'],
  hasFeatureFlags: true,
  captureDeadClicks: false,
  capturePerformance: false,
  autocapture_opt_out: false,
  autocaptureExceptions: false,
  analytics: { endpoint: '/i/v0/e/' },
  elementsChainAsString: true,
  errorTracking: { autocaptureExceptions: false, suppressionRules: [] },
  sessionRecording: { endpoint: '/s/', consoleLogRecordingEnabled: true, recorderVersion: 'v2', sampleRate: null, minimumDurationMilliseconds: null, linkedFlag: null, networkPayloadCapture: null, masking: null, urlTriggers: [], urlBlocklist: [], eventTriggers: [], triggerMatchType: null, scriptConfig: null },
  heatmaps: true,
  surveys: false,
  defaultIdentifiedOnly: true,
  siteApps: [],
});

createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const url = new URL(req.url, `http://${req.headers.host}`);
    if (req.method !== 'GET' || url.pathname.includes('/config')) {
      appendFileSync(out, JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body: body.toString('base64') }) + '\n');
    }
    const cors = { 'access-control-allow-origin': req.headers.origin ?? '*', 'access-control-allow-credentials': 'true', 'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*', 'access-control-allow-methods': 'GET,POST,OPTIONS' };
    if (req.method === 'OPTIONS') { res.writeHead(204, cors); return res.end(); }
    const p = url.pathname;
    let m;
    if ((m = p.match(/^\/ingest\/static\/(?:[\d.]+\/)?([\w.-]+\.js)$/)) && existsSync(path.join(dist, m[1]))) {
      res.writeHead(200, { 'content-type': 'application/javascript', ...cors });
      return res.end(readFileSync(path.join(dist, m[1])));
    }
    if ((m = p.match(/^\/ingest\/array\/([^/]+)\/config\.js$/))) {
      res.writeHead(200, { 'content-type': 'application/javascript', ...cors });
      return res.end(`(function(){window._POSTHOG_REMOTE_CONFIG=window._POSTHOG_REMOTE_CONFIG||{};window._POSTHOG_REMOTE_CONFIG[${JSON.stringify(m[1])}]={config:${JSON.stringify(remote(m[1]))},siteApps:[]};})();`);
    }
    if ((m = p.match(/^\/ingest\/array\/([^/]+)\/config$/))) {
      res.writeHead(200, { 'content-type': 'application/json', ...cors });
      return res.end(JSON.stringify(remote(m[1])));
    }
    if (p.startsWith('/ingest/flags') || p.startsWith('/ingest/decide')) {
      res.writeHead(200, { 'content-type': 'application/json', ...cors });
      return res.end(JSON.stringify({ flags: { 'pricing-page-layout': { key: 'pricing-page-layout', enabled: true, variant: 'test', reason: { code: 'condition_match', condition_index: 0, description: 'Matched condition set 1' }, metadata: { id: 1, version: 1, payload: undefined, description: 'x' } } }, errorsWhileComputingFlags: false, requestId: 'r' }));
    }
    if (p.startsWith('/sentry/')) {
      res.writeHead(200, { 'content-type': 'application/json', ...cors });
      return res.end('{}');
    }
    res.writeHead(200, { 'content-type': 'application/json', ...cors });
    res.end('{"status":1}');
  });
}).listen(port, '127.0.0.1', () => console.log(`recording on ${port} → ${out}`));
