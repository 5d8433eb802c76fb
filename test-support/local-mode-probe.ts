// Test support for lib/local-mode.test.ts: run in a child process with a given environment, it loads every place
// that depends on local mode (the real modules, nothing mocked) and prints what each one decided, as JSON.
// Run: node --conditions=react-server --import tsx test-support/local-mode-probe.ts

async function main(): Promise<void> {
  const out: Record<string, unknown> = {};
  try {
    const env = await import('../lib/env');
    out.env = env.localInbox;
    out.billing = env.billingProvider;
  } catch (error) {
    out.bootError = error instanceof Error ? error.message : String(error);
  }
  // What the page's bootstrap tells the browser (lib/monitoring/server/link-config.ts), decided at runtime.
  try {
    const monitoring = (await import('../lib/monitoring/server/link-config')).browserMonitoring();
    out.browser = monitoring.local;
    out.browserDsn = monitoring.dsn;
  } catch {
    out.browser = 'boot error';
  }
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
