// A fixed-window rate limiter in Orbit's own table (orbit_rate_limits), so limits hold across restarts and across
// instances on real Postgres, and Better Auth's clean-up of its own table never resets them. Each hit is one
// atomic upsert: concurrent requests, on one instance or many, cannot both take the last slot.
import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { db } from '@/lib/db';
import { orbitRateLimits } from '@/lib/db/schema';

export type RateLimitRule = { window: number; max: number };
export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfter: number };

/** Keys carry emails and addresses; only their hash is stored. */
const hashKey = (key: string) => createHash('sha256').update(key).digest('base64url');

/** Counts one hit for `key`; allowed while the window holds at most `max` hits. One atomic upsert. */
export async function consume(key: string, rule: RateLimitRule, now = Date.now()): Promise<RateLimitDecision> {
  const windowMs = rule.window * 1000;
  const expired = sql`${orbitRateLimits.expiresAt} <= ${now}`;
  const [row] = await db
    .insert(orbitRateLimits)
    .values({ key: hashKey(key), count: 1, windowStart: now, expiresAt: now + windowMs })
    .onConflictDoUpdate({
      target: orbitRateLimits.key,
      set: {
        count: sql`case when ${expired} then 1 else ${orbitRateLimits.count} + 1 end`,
        windowStart: sql`case when ${expired} then ${now} else ${orbitRateLimits.windowStart} end`,
        expiresAt: sql`case when ${expired} then ${now + windowMs} else ${orbitRateLimits.expiresAt} end`,
      },
    })
    .returning({ count: orbitRateLimits.count, expiresAt: orbitRateLimits.expiresAt });
  schedulePrune(now);
  if (!row || row.count <= rule.max) return { allowed: true };
  return { allowed: false, retryAfter: Math.max(1, Math.ceil((row.expiresAt - now) / 1000)) };
}

/** Gives back one hit of the current window (e.g. a log-in that turned out to be right). Never below zero. */
export async function refund(key: string, now = Date.now()): Promise<void> {
  await db
    .update(orbitRateLimits)
    .set({ count: sql`greatest(${orbitRateLimits.count} - 1, 0)` })
    .where(and(eq(orbitRateLimits.key, hashKey(key)), gt(orbitRateLimits.expiresAt, now)));
}

const PRUNE_EVERY_MS = 60_000;
let lastPrune = 0;

/** Drops expired counters at most once a minute per process, off the request path (a failure only delays it). */
function schedulePrune(now: number): void {
  if (now - lastPrune < PRUNE_EVERY_MS) return;
  lastPrune = now;
  void db
    .delete(orbitRateLimits)
    .where(lt(orbitRateLimits.expiresAt, now))
    .catch(() => undefined);
}
