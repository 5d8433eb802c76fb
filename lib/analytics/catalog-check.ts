// One event checked against the plan (catalog.ts): is its name known, do its properties pass the event's schema,
// did it come from the side the catalog says sends it. Shared by the local collector's event health
// (lib/inbox/collector/health.ts, which adds the rules that need more than the event) and the production relay's
// drift counts (lib/relay/catalog-drift.ts). Pure, bounded, never throws for any input; messages name keys and
// paths, never property values.
import type { z } from 'zod';
import { catalog, CONTEXT_PROPERTIES, isEventName, POSTHOG_EVENTS, type EventDefinition } from './catalog';

export type CatalogRule = 'unknown_event' | 'schema' | 'wrong_side';
export type CatalogFinding = { rule: CatalogRule; path: string | null; message: string };

/** Events no catalog rule looks at: the SDK's own plumbing (recordings), not product analytics. */
export const UNCHECKED_EVENTS: ReadonlySet<string> = new Set(['$snapshot', '$snapshot_items']);
/** PostHog events besides the catalog's list the SDKs send on their own for Orbit's configuration. */
const SDK_EVENTS = new Set(['$rageclick', '$dead_click', '$$heatmap', '$set', '$create_alias', '$merge_dangerously', '$opt_in']);
const CONTEXT = new Set<string>(CONTEXT_PROPERTIES);
const MAX_FINDINGS_PER_RULE = 5;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether the name is one Orbit may send: a catalog event, or a PostHog event the catalog or the SDKs allow. */
function isKnownEvent(name: string): boolean {
  return isEventName(name) || Object.hasOwn(POSTHOG_EVENTS, name) || SDK_EVENTS.has(name);
}

function schemaFindings(event: string, properties: Record<string, unknown>, definition: EventDefinition): CatalogFinding[] {
  const shape = definition.schema.shape as Record<string, z.ZodType>;
  // What the call site sent: the SDKs' `$` properties and the wrappers' context are not the event's to declare. A
  // context key the event also declares (`plan`) is the event's, unless null: the super property's "none", which
  // posthog-js merges under an event that left its optional `plan` out.
  const own = Object.fromEntries(
    Object.entries(properties).filter(([k, v]) => !k.startsWith('$') && (!CONTEXT.has(k) || (Object.hasOwn(shape, k) && v !== null))),
  );
  const parsed = definition.schema.safeParse(own);
  if (parsed.success) return [];
  const findings: CatalogFinding[] = [];
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) findings.push({ rule: 'schema', path: `properties.${key}`, message: `"${key}" is not a property of ${event}.` });
    } else {
      const path = ['properties', ...issue.path.map(String)].join('.');
      findings.push({ rule: 'schema', path, message: `${path}: ${issue.message}` });
    }
  }
  return findings.slice(0, MAX_FINDINGS_PER_RULE);
}

/**
 * The catalog's findings on one event sent by `source` (`web`: posthog-js; `server`: posthog-node). Unchecked
 * events and non-object properties are judged as an event without properties.
 */
export function catalogFindings(event: string, properties: unknown, source: 'web' | 'server'): CatalogFinding[] {
  if (UNCHECKED_EVENTS.has(event)) return [];
  const props = isRecord(properties) ? properties : {};
  if (!isEventName(event)) {
    if (isKnownEvent(event)) return [];
    return [{ rule: 'unknown_event', path: 'event', message: `"${event.slice(0, 200)}" is not in the event catalog (lib/analytics/catalog.ts) nor a PostHog event it allows.` }];
  }
  const definition: EventDefinition = catalog[event];
  const findings = schemaFindings(event, props, definition);
  if (definition.emittedFrom !== 'both' && definition.emittedFrom !== source) {
    const lib = typeof props.$lib === 'string' ? props.$lib : 'no $lib';
    findings.push({
      rule: 'wrong_side',
      path: 'properties.$lib',
      message: `${event} is ${definition.emittedFrom === 'web' ? 'a browser' : 'a server'} event, sent by ${lib}.`,
    });
  }
  return findings;
}
