// The catalog tells the truth (project `catalog-coverage`, after `chromium`): every event in lib/analytics/catalog.ts
// reached the local collector during the run, from where its `emittedFrom` says — the browser (posthog-js, `$lib`
// web) or the server (posthog-node) — unless the catalog entry carries a `notEmittedInE2E` reason. An event the
// catalog promises and nobody sends, or one sent from the other side, fails here with its name.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { catalog, EVENT_NAMES, type EventDefinition, type EventName } from '@/lib/analytics/catalog';
import type { EventSource } from '@/lib/inbox/rows';
import { getInboxJson as get, settledStats } from './inbox';

async function seenFrom(request: APIRequestContext, event: EventName): Promise<Set<EventSource>> {
  const sources = new Set<EventSource>();
  for (const source of ['web', 'server'] as const) {
    const { events } = await get<{ events: unknown[] }>(request, `/api/dev/inbox/events?event=${encodeURIComponent(event)}&source=${source}&limit=1`);
    if (events.length) sources.add(source);
  }
  return sources;
}

/** What is wrong with one event, or null. */
function coverageProblem(name: string, def: Pick<EventDefinition, 'emittedFrom' | 'notEmittedInE2E'>, seen: ReadonlySet<EventSource>): string | null {
  const saw = [...seen].sort().join(' + ') || 'nowhere';
  if (def.notEmittedInE2E !== undefined) return null;
  if (seen.size === 0) return `${name}: never received (emittedFrom ${def.emittedFrom}); send it, or give it a reasoned notEmittedInE2E`;
  const expected: EventSource[] = def.emittedFrom === 'both' ? ['server', 'web'] : [def.emittedFrom];
  const missing = expected.filter((s) => !seen.has(s));
  const unexpected = [...seen].filter((s) => !expected.includes(s));
  if (missing.length || unexpected.length) return `${name}: emittedFrom ${def.emittedFrom}, but received from ${saw}`;
  return null;
}

test('every catalog event was received from where the catalog says, or is exempt with a reason', async ({ request }) => {
  test.setTimeout(180_000);
  await settledStats(request);
  const problems: string[] = [];
  const exempt: string[] = [];
  for (const name of EVENT_NAMES) {
    const def = catalog[name] as EventDefinition;
    const seen = await seenFrom(request, name);
    const problem = coverageProblem(name, def, seen);
    if (problem) problems.push(problem);
    if (def.notEmittedInE2E !== undefined) exempt.push(`${name} (${seen.size ? 'received anyway' : 'not received'}): ${def.notEmittedInE2E}`);
  }
  test.info().annotations.push({ type: 'exempt', description: exempt.join('\n') });
  console.log(`catalog coverage: ${EVENT_NAMES.length} catalog events, ${EVENT_NAMES.length - exempt.length - problems.length} received from where the catalog says, ${exempt.length} exempt with a reason, ${problems.length} problems`);
  expect(problems, problems.join('\n')).toEqual([]);
});
