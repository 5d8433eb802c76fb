// The relay's store-and-forward queue (lib/relay/queue.ts): capture requests a browser sent while PostHog or Sentry
// could not take them, kept until the upstream answers 2xx. Bounded by rows and bytes (oldest dropped); holds only the
// allow-listed headers and the body as the browser sent it, never a cookie.
import { bigint, bigserial, customType, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
  fromDriver: (value) => new Uint8Array(value),
});

export const relayQueue = pgTable(
  'relay_queue',
  {
    /** Delivery order: oldest first. */
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** Which upstream: `posthog` (the ingest host) or `sentry` (the configured DSN). */
    destination: text('destination', { enum: ['posthog', 'sentry'] }).notNull(),
    /** PostHog: the path and query after `/ingest` (the target is rebuilt from configuration when sent). */
    path: text('path').notNull(),
    /** The allow-listed request headers, as they would have been sent. */
    headers: jsonb('headers').$type<Record<string, string>>().notNull(),
    body: bytea('body').notNull(),
    bytes: integer('bytes').notNull(),
    /** When the relay accepted it (epoch ms). */
    storedAt: bigint('stored_at', { mode: 'number' }).notNull(),
    /** A forwarder holds the row until then (epoch ms; 0 = free): no other instance sends it meanwhile. */
    leasedUntil: bigint('leased_until', { mode: 'number' }).notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
  },
  (t) => [index('relay_queue_destination_id_idx').on(t.destination, t.id)],
);
