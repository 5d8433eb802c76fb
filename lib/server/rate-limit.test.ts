// The limiter's storage: atomic under concurrency, refunds, expiry, and independent of Better Auth's table.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { orbitRateLimits } from '@/lib/db/schema';
import { consume, refund } from './rate-limit';

let n = 0;
const key = () => `test:${++n}:${Date.now()}`;

describe('consume', () => {
  it('lets exactly `max` of 50 parallel hits through', async () => {
    const k = key();
    const decisions = await Promise.all(Array.from({ length: 50 }, () => consume(k, { window: 60, max: 7 })));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(7);
  });

  it('refuses with the seconds left in the window, and starts a new window once it ends', async () => {
    const k = key();
    const t0 = 1_000_000_000_000;
    expect(await consume(k, { window: 60, max: 1 }, t0)).toEqual({ allowed: true });
    expect(await consume(k, { window: 60, max: 1 }, t0 + 15_000)).toEqual({ allowed: false, retryAfter: 45 });
    expect(await consume(k, { window: 60, max: 1 }, t0 + 60_000)).toEqual({ allowed: true });
  });

  it('gives back one hit on refund, never going below zero', async () => {
    const k = key();
    const rule = { window: 60, max: 2 };
    await consume(k, rule);
    await consume(k, rule);
    await refund(k);
    expect((await consume(k, rule)).allowed).toBe(true);
    expect((await consume(k, rule)).allowed).toBe(false);
    const fresh = key();
    await refund(fresh);
    await consume(fresh, rule);
    await refund(fresh);
    await refund(fresh);
    expect((await consume(fresh, rule)).allowed).toBe(true);
  });

  it('stores only hashes of the keys', async () => {
    await consume('auth.login_failures:someone@example.test', { window: 60, max: 1 });
    const rows = await db.select().from(orbitRateLimits).where(sql`${orbitRateLimits.key} like '%example%'`);
    expect(rows).toHaveLength(0);
  });
});
