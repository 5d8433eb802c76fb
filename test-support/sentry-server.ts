// The real server SDK as sentry.server.config.ts sets it up, with a loopback HTTP server whose handler runs inside
// Sentry's request handling — for the tests of SENTRY_SERVER_SPANS (request-spans / no-spans .sdk.test.ts). The test
// stubs its env (vi.hoisted) before calling this: the config reads it once, at import. Test-only.
import http from 'node:http';
import * as Sentry from '@sentry/nextjs';

/** Initialises the SDK from the real config, then listens on 127.0.0.1:`port`; `stop` closes the server and the SDK. */
export async function startConfiguredServer(port: number, handler: http.RequestListener): Promise<{ stop: () => Promise<void> }> {
  await import('@/sentry.server.config');
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      await Sentry.close(2_000);
    },
  };
}
