// Real posthog-node and @sentry/node posting to record-server.mjs (or the dev server).
import { PostHog } from 'posthog-node';
import * as Sentry from '@sentry/node';

const origin = process.argv[2] ?? 'http://127.0.0.1:3104';
// `static`: the pre-streaming trace lifecycle, which sends classic `transaction` items instead of span containers.
const lifecycle = process.argv[3] === 'static' ? 'static' : 'stream';
for (const disableCompression of lifecycle === 'stream' ? [false, true] : []) {
  const ph = new PostHog('phc_fixture_token', { host: `${origin}/ingest`, flushAt: 20, flushInterval: 0, disableCompression });
  ph.capture({ distinctId: 'user_fixture_1', event: 'fixture_server_event', properties: { compression: !disableCompression, $set: { plan: 'team' } }, groups: { company: 'ws_fixture' } });
  ph.identify({ distinctId: 'user_fixture_1', properties: { role: 'admin' } });
  ph.alias({ distinctId: 'user_fixture_1', alias: 'server_alias_1' });
  ph.groupIdentify({ groupType: 'company', groupKey: 'ws_fixture', properties: { plan: 'team' } });
  await ph.shutdown();
}

Sentry.init({ dsn: `http://fixturekey@${origin.replace(/^https?:\/\//, '')}/sentry/2`, tracesSampleRate: 1, environment: 'fixture', release: 'fixture@1', traceLifecycle: lifecycle });
await Sentry.startSpan({ name: 'GET /fixture', op: 'http.server' }, async () => {
  await Sentry.startSpan({ name: 'db.query tasks', op: 'db' }, async () => { await new Promise((r) => setTimeout(r, 20)); });
  Sentry.captureException(new Error('fixture server error'));
});
// A large event: the node transport gzips bodies over 32 KB.
Sentry.captureMessage('fixture large message', { extra: { blob: 'x'.repeat(40_000) } });
await Sentry.flush(3000);
console.log('node done');
