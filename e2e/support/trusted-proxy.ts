// A reverse proxy in front of a test server, as a load balancer in front of Orbit: every request is passed on with
// the visitor's address appended to X-Forwarded-For (after whatever the client sent there, as nginx's
// $proxy_add_x_forwarded_for does), the Host kept. The server runs with TRUSTED_PROXY_HOPS=1 and the proxy's origin as
// APP_URL; the browser talks to the proxy only, so every request of the page (beacons at unload too) passes it.
import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type TrustedProxy = { url: string; stop: () => Promise<void> };

/** Starts the proxy on 127.0.0.1:<port>, forwarding to `target` as if every client were at `visitor`. */
export async function startTrustedProxy({ port, target, visitor }: { port: number; target: string; visitor: string }): Promise<TrustedProxy> {
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    const prior = req.headers['x-forwarded-for'];
    const headers = { ...req.headers, 'x-forwarded-for': prior ? `${String(prior)}, ${visitor}` : visitor };
    const out = forward({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
