// Two forwarders on one PostgreSQL database (as two instances of a deployment share one) deliver a backlog exactly
// once: rows are leased with FOR UPDATE SKIP LOCKED, so no row is sent by both. Both forwarders run in this process on
// one connection pool (10 connections), so their claims really run at the same time on separate sessions. Runs against
// the throwaway cluster scripts/test.mjs starts (ORBIT_TEST_DATABASE_URL); skipped without one.
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeUpstream } from '@/test-support/fake-upstream';

const url = process.env.ORBIT_TEST_DATABASE_URL;
const BASE = Number(process.env.ORBIT_E2E_PORT_BASE ?? 3200);
const name = `orbit_relay_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
const admin = url ? postgres(url, { max: 1, onnotice: () => {} }) : null;
if (admin && url) {
  await admin.unsafe(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  process.env.DATABASE_URL = u.toString();
}

describe.skipIf(!url)('store-and-forward on PostgreSQL with two instances', () => {
  afterAll(async () => {
    const { closeDatabase } = await import('@/lib/db');
    await closeDatabase();
    await admin?.unsafe(`drop database if exists ${name}`);
    await admin?.end({ timeout: 5 });
  });

  it('a backlog of 300 rows is delivered once each, in order per forwarder, with both forwarders sending', async () => {
    const { migrateDatabase, databaseKind, db } = await import('@/lib/db');
    const { relayQueue } = await import('@/lib/db/schema');
    expect(databaseKind()).toBe('postgres');
    await migrateDatabase();
    const { storeRequest } = await import('./queue');
    const { RelayForwarder } = await import('./forwarder');
    const { storedPosthogTarget } = await import('./posthog-proxy');
    const upstream = await startFakeUpstream(BASE + 85);
    const forwarders: InstanceType<typeof RelayForwarder>[] = [];
    try {
      for (let i = 0; i < 300; i++) {
        const body = new TextEncoder().encode(JSON.stringify([{ event: '$pageview', uuid: `pg-${i}`, properties: {} }]));
        await storeRequest({ destination: 'posthog', path: '/e/', headers: { 'content-type': 'application/json' }, body });
      }
      for (let n = 0; n < 2; n++) {
        const f = new RelayForwarder({ target: (row) => storedPosthogTarget(row.path, upstream.url), batch: 10, pollMs: 50, baseDelayMs: 20, maxDelayMs: 100 });
        forwarders.push(f);
        f.start();
      }
      await expect.poll(async () => (await db.select().from(relayQueue)).length, { timeout: 60_000, interval: 200 }).toBe(0);
      const uuids = upstream.requests.flatMap((r) => r.events.map((e) => (e as { uuid?: string }).uuid));
      expect(uuids).toHaveLength(300);
      expect(new Set(uuids).size, 'no row sent twice').toBe(300);
      expect(forwarders.map((f) => f.counters.delivered).reduce((a, b) => a + b)).toBe(300);
      expect(forwarders.every((f) => f.counters.delivered > 0), `both forwarders sent (${forwarders.map((f) => f.counters.delivered).join(' + ')})`).toBe(true);
    } finally {
      for (const f of forwarders) f.stop();
      await upstream.stop();
    }
  }, 120_000);
});
