// Orbit's own rate-limit counters, apart from Better Auth's `rate_limits` table: Better Auth deletes every row of
// its table older than its longest window (about a minute), which would silently reset Orbit's hour-long budgets.
// Keys are hashed (lib/server/rate-limit.ts), so no email or IP address is stored here.
import { bigint, index, integer, pgTable, text } from 'drizzle-orm/pg-core';

export const orbitRateLimits = pgTable(
  'orbit_rate_limits',
  {
    /** SHA-256 of the rule name and key, base64url. */
    key: text('key').primaryKey(),
    count: integer('count').notNull(),
    /** Start of the current fixed window, epoch milliseconds. */
    windowStart: bigint('window_start', { mode: 'number' }).notNull(),
    /** End of the current window (epoch ms): rows past it are expired and pruned. */
    expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('orbit_rate_limits_expires_at_idx').on(t.expiresAt)],
);
