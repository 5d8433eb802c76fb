// A fake PostHog + Sentry host on loopback, separate from the app: what Orbit's ingest proxy, its Sentry tunnel and
// its server SDKs really send leaves the app over HTTP and lands here. Every request is recorded with its headers and
// its decoded body (gzip, `compression=gzip-js`, form-encoded base64 `data=`), so a spec can assert on what a third
// party would see. It answers enough of both APIs for the SDKs to keep going: capture, flags/decide, remote config,
// extension scripts, recordings, envelopes. With `recording: true` its remote config turns session recording on and
// `/static/*.js` serves the installed posthog-js build (the recorder), so a browser behind the relay records.
// Its mode can be switched while it runs, to play a host that is down: `refuse` closes the port (connections are
// refused), `reset` accepts each connection and resets it at once, `blackhole` accepts and reads each request but never
// answers (nor records it: a dead host processed nothing). Leaving a fault mode drops every connection it held.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

export type RecordedRequest = {
  /** when it was received in full (ms since the epoch) */
  at: number;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** the body after every decoding step above, as text */
  body: string;
  /** the body bytes as received */
  raw: Buffer;
  /** PostHog events found in the body (capture endpoints) */
  events: { event: string; distinct_id?: string; properties?: Record<string, unknown> }[];
  /** Sentry envelope: its header and items (type + parsed payload) */
  envelope?: { header: Record<string, unknown>; items: { type: string; payload: unknown }[] };
};

export type UpstreamMode = 'normal' | 'refuse' | 'reset' | 'blackhole' | 'unavailable' | 'rate-limited' | 'refusing';

/** The status a failing mode answers with (the request is not recorded: a failing host processed nothing). */
const FAILING_STATUS: Partial<Record<UpstreamMode, number>> = { unavailable: 503, 'rate-limited': 429, refusing: 400 };

type FaultStats = {
  /** connections reset in `reset` mode */
  reset: number;
  /** requests received and never answered in `blackhole` mode */
  blackholed: number;
  /** when each of those arrived (ms since the epoch), in order */
  blackholedAt: number[];
  /** of those, the ones a browser sent (through the relays) */
  blackholedFromBrowser: number;
  /** when and where each of those arrived (ms since the epoch, method and path): what a failing bound prints */
  blackholedLog: string[];
  /** the most blackholed requests held open at the same time (what callers let pile up) */
  maxHeld: number;
  /** requests answered 503, 429 or 400 in `unavailable` / `rate-limited` / `refusing` mode */
  answered: number;
};

export type FakeUpstream = {
  url: string;
  port: number;
  requests: RecordedRequest[];
  mode: () => UpstreamMode;
  /** Switches the mode; resolves once the port is closed (`refuse`) or listening again. */
  setMode: (mode: UpstreamMode) => Promise<void>;
  faults: FaultStats;
  /** blackholed requests whose connection is still open */
  held: () => number;
  stop: () => Promise<void>;
};

const gzipped = (b: Buffer) => b.length > 2 && b[0] === 0x1f && b[1] === 0x8b;

function decodeBody(raw: Buffer, headers: IncomingHttpHeaders, query: Record<string, string>): string {
  let bytes = raw;
  if (headers['content-encoding'] === 'gzip' || query.compression === 'gzip-js' || gzipped(bytes)) {
    try {
      bytes = gunzipSync(bytes);
    } catch {
      // Not gzip after all: keep the bytes as sent.
    }
  }
  let text = bytes.toString('utf8');
  if (String(headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
    const data = new URLSearchParams(text).get('data');
    if (data !== null) text = query.compression === 'base64' || !/^[[{]/.test(data) ? Buffer.from(data, 'base64').toString('utf8') : data;
  }
  return text;
}

function posthogEvents(text: string): RecordedRequest['events'] {
  try {
    const parsed: unknown = JSON.parse(text);
    const list = Array.isArray(parsed) ? parsed : typeof parsed === 'object' && parsed && 'batch' in parsed ? (parsed as { batch: unknown }).batch : [parsed];
    if (!Array.isArray(list)) return [];
    return list.filter((e): e is RecordedRequest['events'][number] => typeof e === 'object' && e !== null && typeof (e as { event?: unknown }).event === 'string');
  } catch {
    return [];
  }
}

function parseEnvelope(text: string): RecordedRequest['envelope'] {
  const lines = text.split('\n');
  const parse = (line: string | undefined): unknown => {
    try {
      return line ? JSON.parse(line) : undefined;
    } catch {
      return line;
    }
  };
  const header = parse(lines[0]);
  if (typeof header !== 'object' || header === null) return undefined;
  const items: { type: string; payload: unknown }[] = [];
  for (let i = 1; i < lines.length; i += 2) {
    const itemHeader = parse(lines[i]) as { type?: string } | undefined;
    if (!itemHeader?.type) continue;
    items.push({ type: itemHeader.type, payload: parse(lines[i + 1]) });
  }
  return { header: header as Record<string, unknown>, items };
}

export type FakeUpstreamOptions = {
  /**
   * Session recording on: the remote config (config.js, config) says `sessionRecording: { endpoint: '/s/' }` and
   * `/static/*.js` serves the installed posthog-js build (the recorder), as PostHog's assets host does.
   */
  recording?: boolean;
};

const POSTHOG_DIST = path.join(process.cwd(), 'node_modules', 'posthog-js', 'dist');
const RECORDING_CONFIG = { supportedCompression: ['gzip', 'gzip-js'], sessionRecording: { endpoint: '/s/', recorderVersion: 'v2' } };

function reply(url: URL, method: string, options: FakeUpstreamOptions): { status: number; type: string; body: string | Buffer; cache?: string } {
  const path_ = url.pathname;
  const json = (body: unknown) => ({ status: 200, type: 'application/json', body: JSON.stringify(body) });
  if (/^\/api\/[^/]+\/envelope\/?$/.test(path_)) return json({});
  if (/^\/(flags|decide)\/?$/.test(path_)) return json({ flags: {}, featureFlags: {}, featureFlagPayloads: {}, errorsWhileComputingFlags: false });
  if (options.recording) {
    const token = /^\/array\/([\w-]+)\/config(\.js)?$/.exec(path_);
    if (token?.[2]) {
      const config = JSON.stringify({ token: token[1], ...RECORDING_CONFIG });
      return { status: 200, type: 'application/javascript', body: `window._POSTHOG_REMOTE_CONFIG = window._POSTHOG_REMOTE_CONFIG || {}; window._POSTHOG_REMOTE_CONFIG[${JSON.stringify(token[1])}] = { config: ${config}, siteApps: [] };` };
    }
    if (token) return json({ token: token[1], ...RECORDING_CONFIG });
    const file = /^\/static\/(?:[\d.]+\/)?([\w.-]+\.js)$/.exec(path_)?.[1];
    if (method === 'GET' && file && existsSync(path.join(POSTHOG_DIST, file))) {
      return { status: 200, type: 'application/javascript', body: readFileSync(path.join(POSTHOG_DIST, file)), cache: 'public, max-age=300' };
    }
  }
  if (/\/config\.js$/.test(path_)) return { status: 200, type: 'application/javascript', body: '' };
  if (/\/config$/.test(path_)) return json({});
  if (method === 'GET' && path_.endsWith('.js')) return { status: 200, type: 'application/javascript', body: '' };
  return json({ status: 1 });
}

/** Starts the fake host on 127.0.0.1:<port> (0 = any free port). */
export async function startFakeUpstream(port = 0, options: FakeUpstreamOptions = {}): Promise<FakeUpstream> {
  const requests: RecordedRequest[] = [];
  let mode: UpstreamMode = 'normal';
  const faults: FaultStats = { reset: 0, blackholed: 0, blackholedAt: [], blackholedFromBrowser: 0, blackholedLog: [], maxHeld: 0, answered: 0 };
  const sockets = new Set<Socket>();
  const held = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    if (mode === 'blackhole') {
      // Read the request (a real host accepts the bytes) and never answer.
      req.resume();
      faults.blackholed++;
      faults.blackholedAt.push(Date.now());
      if (/Chrome\//.test(String(req.headers['user-agent'] ?? ''))) {
        faults.blackholedFromBrowser++;
        faults.blackholedLog.push(`${Date.now()} ${req.method} ${req.url}`);
      }
      held.add(req.socket);
      faults.maxHeld = Math.max(faults.maxHeld, held.size);
      req.socket.once('close', () => held.delete(req.socket));
      return;
    }
    const failing = FAILING_STATUS[mode];
    if (failing) {
      req.resume();
      faults.answered++;
      res.writeHead(failing, { 'content-type': 'application/json', 'retry-after': '1' });
      res.end('{}');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake.local');
      const query = Object.fromEntries(url.searchParams.entries());
      const body = decodeBody(Buffer.concat(chunks), req.headers, query);
      const isEnvelope = /^\/api\/[^/]+\/envelope\/?$/.test(url.pathname);
      requests.push({
        at: Date.now(),
        method: req.method ?? 'GET',
        path: url.pathname,
        query,
        headers: req.headers,
        body,
        raw: Buffer.concat(chunks),
        events: isEnvelope ? [] : posthogEvents(body),
        envelope: isEnvelope ? parseEnvelope(body) : undefined,
      });
      const r = reply(url, req.method ?? 'GET', options);
      // A Set-Cookie a real third party might send: the proxy must never hand it to the browser.
      res.writeHead(r.status, { 'content-type': r.type, 'set-cookie': 'upstream_tracker=1; Path=/', ...(r.cache ? { 'cache-control': r.cache } : {}) });
      res.end(r.body);
    });
  });
  server.on('connection', (socket) => {
    if (mode === 'reset') {
      faults.reset++;
      socket.resetAndDestroy();
      return;
    }
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const dropConnections = () => {
    for (const socket of sockets) socket.destroy();
  };
  const close = () =>
    new Promise<void>((resolve) => {
      dropConnections();
      server.close(() => resolve());
    });
  await listen();
  // Reopened on the same port after `refuse`.
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    faults,
    mode: () => mode,
    held: () => held.size,
    setMode: async (next) => {
      const previous = mode;
      mode = next;
      if (previous === next) return;
      // Whatever a fault mode held (blackholed requests, keep-alive connections) is dropped, as a host coming back
      // or going down would.
      dropConnections();
      if (next === 'refuse') await close();
      else if (previous === 'refuse') await listen();
    },
    stop: () => (mode === 'refuse' ? Promise.resolve() : close()),
  };
}
