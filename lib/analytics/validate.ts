// Runtime validation of an event against the catalog, shared by the browser SDK wrapper and the server client.
// On failure it returns the valid subset (offending keys dropped) along with the issues, so a caller can throw in
// development and, in production, send what is valid and report the rest. Issues name keys, never values: an
// invalid value may be exactly the personal data the schema keeps out.
// Browser and server safe (no server-only, no Node APIs); the client loads it lazily with the SDK.
import { z } from 'zod';
import { catalog, isEventName, type EventName, type EventPayload, type EventSchema } from './catalog';

type ValidationIssue = {
  /** Dotted path of the offending property (`status`, `skipped_steps.1`); empty for the payload itself. */
  path: string;
  /** zod's issue code (`invalid_type`, `unrecognized_keys`, …) or `unknown_event`. */
  code: string;
  message: string;
};

export type ValidationResult<N extends EventName> =
  | { ok: true; properties: EventPayload<N> }
  | {
      ok: false;
      issues: ValidationIssue[];
      /** The valid subset: every property that passed its own schema. Required ones may be missing. */
      properties: Partial<EventPayload<N>>;
      /** Keys present in the input and left out of `properties`. */
      droppedKeys: string[];
    };

/** What an invalid event reports (Sentry breadcrumb, log line). Never carries property values. */
export type InvalidEventReport = { event: string; issues: ValidationIssue[]; droppedKeys: string[] };
/** Hook the SDK wrappers plug their reporting into (Sentry breadcrumb in the browser, a log on the server). */
type InvalidEventReporter = (report: InvalidEventReport) => void;

export class InvalidEventError extends Error {
  constructor(readonly report: InvalidEventReport) {
    const detail = report.issues.map((i) => `${i.path || '(payload)'}: ${i.message}`).join('; ');
    super(`Invalid analytics event "${report.event}": ${detail}`);
    this.name = 'InvalidEventError';
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function validateEvent<N extends EventName>(name: N, props: unknown): ValidationResult<N>;
export function validateEvent(name: string, props: unknown): ValidationResult<EventName>;
export function validateEvent(name: string, props: unknown): ValidationResult<EventName> {
  if (!isEventName(name)) {
    return {
      ok: false,
      issues: [{ path: '', code: 'unknown_event', message: `"${name}" is not in the event catalog (lib/analytics/catalog.ts)` }],
      properties: {},
      droppedKeys: isPlainObject(props) ? Object.keys(props) : [],
    };
  }
  // Events without properties may be tracked without a payload.
  const input = props === undefined ? {} : props;
  const schema: EventSchema = catalog[name].schema;
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, properties: parsed.data as EventPayload<EventName> };

  const issues: ValidationIssue[] = [];
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) issues.push({ path: key, code: issue.code, message: `"${key}" is not a property of ${name}` });
    } else {
      issues.push({ path, code: issue.code, message: issue.message });
    }
  }
  if (!isPlainObject(input)) return { ok: false, issues, properties: {}, droppedKeys: [] };

  // The strict object has no cross-field rules, so each property stands or falls on its own schema.
  const shape = schema.shape;
  const properties: Record<string, unknown> = {};
  const droppedKeys: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
    const result = field ? z.safeParse(field, value) : undefined;
    if (result?.success) properties[key] = result.data;
    else droppedKeys.push(key);
  }
  return { ok: false, issues, properties: properties as Partial<EventPayload<EventName>>, droppedKeys };
}

export type GuardOptions = {
  /** `throw` in development and tests (a wrong call site fails loudly); `drop` in production. */
  mode: 'throw' | 'drop';
  report?: InvalidEventReporter;
};

/**
 * The policy both SDK wrappers apply before sending: valid → the parsed properties; invalid → throw
 * (`mode: 'throw'`) or report and return the valid subset (`mode: 'drop'`). Returns null for an event name that
 * is not in the catalog in drop mode: such an event is not sent at all.
 */
export function guardEvent<N extends EventName>(
  name: N,
  props: unknown,
  options: GuardOptions,
): EventPayload<N> | Partial<EventPayload<N>> | null;
export function guardEvent(name: string, props: unknown, options: GuardOptions): Record<string, unknown> | null;
export function guardEvent(name: string, props: unknown, options: GuardOptions): Record<string, unknown> | null {
  const result = validateEvent(name, props);
  if (result.ok) return result.properties;
  const report: InvalidEventReport = { event: name, issues: result.issues, droppedKeys: result.droppedKeys };
  if (options.mode === 'throw') throw new InvalidEventError(report);
  try {
    options.report?.(report);
  } catch {
    // Reporting never breaks the product.
  }
  return isEventName(name) ? result.properties : null;
}
