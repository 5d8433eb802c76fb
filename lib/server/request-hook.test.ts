// http.Server's emit is wrapped once per process, whoever asks and however often (instrumentation.ts in each module
// graph, tests): one hook stamps the peer address and raises the listener limit of every request, on a real server.
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
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
});
