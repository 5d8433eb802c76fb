// A fixed-window rate limiter stored in the database (table rate_limits, shared with Better Auth under a
// different key prefix), so limits hold across restarts and across instances on real Postgres.
import 'server-only';
import { sql } from 'drizzle-orm';
import { db } from '@/lib/db';
import { rateLimits } from '@/lib/db/schema';
import { newId } from '@/lib/db/ids';

export type RateLimitRule = { window: number; max: number };
export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfter: number };

/** Counts one hit for `key`; allowed while the window holds at most `max` hits. One atomic upsert. */
export async function consume(key: string, rule: RateLimitRule, now = Date.now()): Promise<RateLimitDecision> {
  const windowStart = now - rule.window * 1000;
  const [row] = await db
    .insert(rateLimits)
    .values({ id: newId('rl'), key: `orbit:${key}`, count: 1, lastRequest: now })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.lastRequest} < ${windowStart} then 1 else ${rateLimits.count} + 1 end`,
        lastRequest: sql`case when ${rateLimits.lastRequest} < ${windowStart} then ${now} else ${rateLimits.lastRequest} end`,
      },
    })
    .returning({ count: rateLimits.count, lastRequest: rateLimits.lastRequest });
  if (!row || row.count <= rule.max) return { allowed: true };
  return { allowed: false, retryAfter: Math.max(1, Math.ceil((row.lastRequest + rule.window * 1000 - now) / 1000)) };
}
