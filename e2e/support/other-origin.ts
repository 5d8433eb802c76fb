// Another origin on loopback for cross-origin attacks in a real browser: a tiny HTTP server on 127.0.0.1 with its
// own port (a different origin from the app, the same site: SameSite=Lax cookies still ride along), serving the
// pages a test gives it and recording every request it receives.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type OtherOrigin = {
  origin: string;
  /** Serves `html` at `path` from now on. */
  page: (path: string, html: string) => string;
  /** The paths requested so far, in order. */
  hits: string[];
  close: () => Promise<void>;
};

export async function startOtherOrigin(): Promise<OtherOrigin> {
  const pages = new Map<string, string>();
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.push(path);
    const html = pages.get(path);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html ?? '<!doctype html><title>other origin</title><h1>Landed on the other origin</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    hits,
    page: (path, html) => {
      pages.set(path, html);
      return `${origin}${path}`;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** A page that submits a form to `action` as soon as it loads, as an attacker's page would. */
export function autoSubmitForm({ action, enctype, fields }: { action: string; enctype: string; fields: Array<[string, string]> }): string {
  const inputs = fields.map(([name, value]) => `<input type="hidden" name="${attr(name)}" value="${attr(value)}">`).join('');
  return `<!doctype html><title>win a prize</title><form id="f" method="POST" enctype="${attr(enctype)}" action="${attr(action)}">${inputs}</form><script>document.getElementById('f').submit()</script>`;
}
