// Test support for lib/local-mode.test.ts: run in a child process with a given environment, it loads every place
// that depends on local mode (the real modules, nothing mocked) and prints what each one decided, as JSON.
// Run: node --conditions=react-server --import tsx test-support/local-mode-probe.ts
/* eslint-disable @typescript-eslint/no-require-imports -- next.config.js is CommonJS */

async function main(): Promise<void> {
  const out: Record<string, unknown> = {};
  try {
    const env = await import('../lib/env');
    out.env = env.localInbox;
    out.billing = env.billingProvider;
  } catch (error) {
    out.bootError = error instanceof Error ? error.message : String(error);
  }
  // next.config.js is evaluated by `next build`; what it inlines is what the browser bundle sees.
  const config = require('../next.config.js') as { env: Record<string, string> };
  out.nextConfig = config.env.NEXT_PUBLIC_LOCAL_INBOX === '1';
  process.env.NEXT_PUBLIC_LOCAL_INBOX = config.env.NEXT_PUBLIC_LOCAL_INBOX;
  out.sentryClient = (await import('../sentry.client.config')).local;
  out.sentryEdge = (await import('../sentry.edge.config')).localInbox;
  const ping = await import('../app/api/edge/ping/route');
  try {
    out.edgePing = ping.GET(new Request('http://127.0.0.1/api/edge/ping?boom=1')).status === 404 ? false : 'unexpected';
  } catch {
    out.edgePing = true; // local mode: it fails on purpose
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
