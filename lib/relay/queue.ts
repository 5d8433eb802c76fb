// The relay's durable queue: a capture request PostHog or Sentry could not take (refused, reset, timed out, 5xx, 429)
// is kept in the app's database (table relay_queue, PGlite or PostgreSQL) until the forwarder (forwarder.ts) delivers
// it. Bounded by rows and bytes: past either, the oldest rows are dropped and counted. A row holds the allow-listed
// headers it would have been sent with and the body as the browser sent it (already under the relay's body cap).
import 'server-only';
import { and, asc, count, inArray, lt, min, sql, sum } from 'drizzle-orm';
import { db } from '@/lib/db';
import { relayQueue } from '@/lib/db/schema';
import { env } from '@/lib/env';

export type Destination = 'posthog' | 'sentry';

export type QueuedRequest = {
  destination: Destination;
  /** PostHog: the path and query after `/ingest`; Sentry: '' (the configured DSN decides). */
  path: string;
  headers: Record<string, string>;
  body: Uint8Array;
};

export type StoredRow = QueuedRequest & { id: number; storedAt: number; attempts: number; /** the lease this claim holds */ leasedUntil: number };

export type QueueLimits = { maxRows: number; maxBytes: number };

function limitsFromEnv(): QueueLimits {
  return { maxRows: env.RELAY_QUEUE_MAX_ROWS, maxBytes: env.RELAY_QUEUE_MAX_BYTES };
}

/** Stores one request, then drops the oldest rows past the bounds; resolves to how many were dropped. */
export async function storeRequest(request: QueuedRequest, limits: QueueLimits = limitsFromEnv(), now = Date.now()): Promise<number> {
  await db.insert(relayQueue).values({ ...request, bytes: request.body.byteLength, storedAt: now });
  return trim(limits);
}

/** Drops the oldest rows beyond `maxRows` rows or `maxBytes` bytes (counting from the newest). */
async function trim({ maxRows, maxBytes }: QueueLimits): Promise<number> {
  const dropped = await db
    .delete(relayQueue)
    .where(
      sql`${relayQueue.id} in (select id from (select id, row_number() over (order by id desc) as newer_rows,
        sum(bytes) over (order by id desc) as newer_bytes from ${relayQueue}) ranked
        where newer_rows > ${maxRows} or newer_bytes > ${maxBytes})`,
    )
    .returning({ id: relayQueue.id });
  return dropped.length;
}

/**
 * Leases up to `limit` of the oldest free rows of `destination` until `now + leaseMs`, oldest first. Rows another
 * instance is claiming at the same moment are skipped (SKIP LOCKED), and a leased row is not claimed again before its
 * lease ends, so two instances never send the same row (a crashed one's rows come back when the lease ends).
 */
export async function claim(destination: Destination, limit: number, leaseMs: number, now = Date.now()): Promise<StoredRow[]> {
  const free = db
    .select({ id: relayQueue.id })
    .from(relayQueue)
    .where(and(sql`${relayQueue.destination} = ${destination}`, lt(relayQueue.leasedUntil, now)))
    .orderBy(asc(relayQueue.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  const rows = await db
    .update(relayQueue)
    .set({ leasedUntil: now + leaseMs, attempts: sql`${relayQueue.attempts} + 1` })
    .where(inArray(relayQueue.id, free))
    .returning();
  return rows
    .map((r) => ({ id: r.id, destination: r.destination, path: r.path, headers: r.headers, body: r.body, storedAt: r.storedAt, attempts: r.attempts, leasedUntil: r.leasedUntil }))
    .sort((a, b) => a.id - b.id);
}

/**
 * Moves the lease of rows this claim still holds (their lease is still `heldUntil`) to `until`; resolves to the ids
 * renewed. A row whose lease lapsed and that another instance claimed since is not renewed, and must not be sent.
 */
export async function renew(ids: number[], heldUntil: number, until: number): Promise<number[]> {
  if (!ids.length) return [];
  const rows = await db
    .update(relayQueue)
    .set({ leasedUntil: until })
    .where(and(inArray(relayQueue.id, ids), sql`${relayQueue.leasedUntil} = ${heldUntil}`))
    .returning({ id: relayQueue.id });
  return rows.map((r) => r.id);
}

/** Deletes rows once delivered (or refused for good). */
export async function remove(ids: number[]): Promise<void> {
  if (ids.length) await db.delete(relayQueue).where(inArray(relayQueue.id, ids));
}

/**
 * Hands leased rows back at once (a failed round: the next one, here or elsewhere, starts from them); with
 * `heldUntil`, only those still under that lease (not a row another instance claimed after this one's lapsed).
 */
export async function release(ids: number[], heldUntil?: number): Promise<void> {
  if (!ids.length) return;
  const mine = heldUntil === undefined ? inArray(relayQueue.id, ids) : and(inArray(relayQueue.id, ids), sql`${relayQueue.leasedUntil} = ${heldUntil}`);
  await db.update(relayQueue).set({ leasedUntil: 0 }).where(mine);
}

export type Backlog = { rows: number; bytes: number; oldestStoredAt: number | null };

export async function backlog(): Promise<Backlog> {
  const [row] = await db.select({ rows: count(), bytes: sum(relayQueue.bytes), oldest: min(relayQueue.storedAt) }).from(relayQueue);
  return { rows: Number(row?.rows ?? 0), bytes: Number(row?.bytes ?? 0), oldestStoredAt: row?.oldest === null || row?.oldest === undefined ? null : Number(row.oldest) };
}
