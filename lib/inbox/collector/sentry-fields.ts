// Only the parts of stored Sentry payloads a list reads, picked in SQL: a payload may be as large as
// INBOX_MAX_ITEM_BYTES (breadcrumbs, request, modules, debug images), and a list reads up to a thousand.
import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { inboxSentryItems } from '@/lib/db/schema';

const payload = inboxSentryItems.payload;

/**
 * The payload's top-level `keys` plus what posthogLinkOf (lib/inbox/sentry-event.ts) reads: `tags`, `user`,
 * `contexts.posthog` and the `extra` keys naming PostHog. A payload that is no object stays null, the way readers
 * skip it.
 */
export function sentryFields(keys: readonly string[]): SQL<unknown> {
  const picked = [...keys, 'tags', 'user'].map((k) => sql`${k}::text, ${payload} -> ${k}::text`);
  const extra = sql`(select jsonb_object_agg(e.key, e.value) from jsonb_each(case when jsonb_typeof(${payload} -> 'extra') = 'object' then ${payload} -> 'extra' else '{}'::jsonb end) e where e.key ~* 'posthog')`;
  return sql<unknown>`case when jsonb_typeof(${payload}) = 'object' then jsonb_build_object(${sql.join(picked, sql`, `)}, 'contexts', jsonb_build_object('posthog', ${payload} -> 'contexts' -> 'posthog'), 'extra', ${extra}) end`;
}
