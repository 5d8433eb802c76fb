// A real HTTP server on loopback, a response carrying the 'close' listeners Next.js and Sentry add to one request:
// no MaxListenersExceededWarning; a runaway number of listeners (a leak) still warns.
import { createServer, Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { installRequestHook } from './request-hook';
import { RESPONSE_MAX_LISTENERS } from './response-listeners';

installRequestHook(Server);

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** Serves one request whose response gets `count` close listeners; returns the warnings the process emitted. */
async function warningsFor(count: number): Promise<string[]> {
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
  process.on('warning', onWarning);
  try {
    server = createServer((_req, res: ServerResponse) => {
      for (let i = 0; i < count; i++) res.once('close', () => {});
      res.end('ok');
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('ok');
    // process 'warning' is emitted on the next tick.
    await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    process.off('warning', onWarning);
  }
  return warnings.filter((w) => w.startsWith('MaxListenersExceededWarning'));
}

describe('the response listener limit (request hook)', () => {
  it("lets a response carry the 10 'close' listeners Next.js and Sentry add to a server action, and one more, silently", async () => {
    expect(await warningsFor(11)).toEqual([]);
  });

  it('still warns about a leak', async () => {
    const warnings = await warningsFor(RESPONSE_MAX_LISTENERS + 1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/close listeners added to \[ServerResponse\]/);
  });
});
