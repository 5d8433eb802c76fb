// http.Server's emit is wrapped once per process, whoever asks and however often (instrumentation.ts in each module
// graph, tests): one hook stamps the peer address and raises the listener limit of every request, on a real server.
import { createServer, request, Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { ALLOW } from './method-guard';
import { PEER_HEADER } from './peer-address';
import { installRequestHook } from './request-hook';
import { RESPONSE_MAX_LISTENERS } from './response-listeners';

describe('installRequestHook', () => {
  it('wraps http.Server.prototype.emit once, also from a second module graph', async () => {
    const original = Server.prototype.emit;
    expect(installRequestHook(Server)).toBe(true);
    const hooked = Server.prototype.emit;
    expect(hooked).not.toBe(original);
    expect(installRequestHook(Server)).toBe(false);
    vi.resetModules();
    const again = await import('./request-hook');
    expect(again.installRequestHook(Server)).toBe(false);
    expect(Server.prototype.emit).toBe(hooked);
  });

  it('stamps the peer address and raises the listener limit of each request, once', async () => {
    installRequestHook(Server);
    const seen: Array<{ peer: unknown; limit: number }> = [];
    const server = createServer((req, res) => {
      seen.push({ peer: req.headers[PEER_HEADER], limit: res.getMaxListeners() });
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_HEADER]: `${'00'.repeat(16)} 203.0.113.3` } });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(seen).toEqual([{ peer: expect.stringMatching(/^[0-9a-f]{32} 127\.0\.0\.1$/), limit: RESPONSE_MAX_LISTENERS }]);
  });

  // fetch refuses to send TRACE (a forbidden method), so the request is written with node:http as curl would.
  it('answers a method Orbit does not serve with 405 and Allow, without calling the server’s handler', async () => {
    installRequestHook(Server);
    const handled: string[] = [];
    const server = createServer((req, res) => {
      handled.push(req.method ?? '');
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const send = (method: string) =>
      new Promise<{ status: number; allow: string | undefined; body: string }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, method, path: '/api/projects', agent: false }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, allow: res.headers.allow, body }));
        });
        req.on('error', reject);
        req.end();
      });
    try {
      for (const method of ['TRACE', 'PROPFIND', 'PURGE', 'MKCOL', 'LOCK']) {
        const res = await send(method);
        expect(res.status, method).toBe(405);
        expect(res.allow, method).toBe(ALLOW);
        expect(JSON.parse(res.body), method).toEqual({ error: { code: 'method_not_allowed', message: expect.any(String) } });
      }
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) expect((await send(method)).status, method).toBe(200);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(handled).toEqual(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
  });

  // Node's HTTP client upper-cases methods; a raw socket sends what curl -X sends.
  it('lowercase and unknown methods never reach the handler: Node’s parser answers 400', async () => {
    installRequestHook(Server);
    const handled: string[] = [];
    const server = createServer((req, res) => {
      handled.push(req.method ?? '');
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const raw = (method: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.end(`${method} /api/projects HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
        let text = '';
        socket.on('data', (chunk) => (text += chunk.toString()));
        socket.on('end', () => resolve(text.split('\r\n')[0] ?? ''));
        socket.on('error', reject);
      });
    try {
      for (const method of ['trace', 'get', 'post', 'TRACK', 'FOO']) expect(await raw(method), method).toBe('HTTP/1.1 400 Bad Request');
      expect(await raw('TRACE'), 'TRACE').toBe('HTTP/1.1 405 Method Not Allowed');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(handled).toEqual([]);
  });

  // Next refuses a cross-origin server action as a 500 with two error lines in the log; anyone's page could send them.
  it('answers a page POST from another origin with 403 before Next; same origin, no browser hint and route handlers pass', async () => {
    installRequestHook(Server);
    const handled: string[] = [];
    const server = createServer((req, res) => {
      handled.push(`${req.method} ${req.url}`);
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const post = (path: string, headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers: { 'next-action': '7f00', ...headers }, body: '[null]' });
    try {
      // No APP_URL under Vitest: Orbit's origin is the one the request was sent to (docs/security.md).
      const hostiles: Record<string, string>[] = [{ origin: 'http://evil.example' }, { origin: 'null' }, { origin: `http://127.0.0.1:${port + 1}` }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }];
      for (const hostile of hostiles) {
        const res = await post('/login', hostile);
        expect(res.status, JSON.stringify(hostile)).toBe(403);
        expect(await res.json()).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
      }
      expect((await post('/login', { origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
      expect((await post('/onboarding/workspace', {})).status).toBe(200);
      // Route handlers answer for themselves (the webhook is cross-origin by design; the API has its own 403/415).
      expect((await post('/api/webhooks/stripe', { origin: 'http://evil.example' })).status).toBe(200);
      expect((await post('/ingest/e/', { origin: 'http://evil.example' })).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/login`, { headers: { origin: 'http://evil.example' } })).status).toBe(200);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(handled).toEqual(['POST /login', 'POST /onboarding/workspace', 'POST /api/webhooks/stripe', 'POST /ingest/e/', 'GET /login']);
  });
});
