// Funnel computation over captured events, the way PostHog's ordered ("sequential") funnels count: per person,
// the steps must happen in order, each after the previous one, all within the conversion window counted from
// the first step; of several attempts a person makes, the one that got furthest counts.
import { windowMs, type EventMatch, type FunnelDefinition, type FunnelStep, type PropertyFilter } from '@/lib/analytics/insights';
import { globToRegExp } from '@/lib/analytics/insights/path-glob';
import { isObject, str } from '@/lib/inbox/json';

export type FunnelEvent = {
  event: string;
  distinct_id: string;
  timestamp: string;
  properties: Record<string, unknown>;
};

/** The page path an event happened on: `$pathname`, else the path of `$current_url`. */
export function eventPath(properties: Record<string, unknown>): string | null {
  const pathname = str(properties.$pathname);
  if (pathname) return pathname;
  const url = str(properties.$current_url);
  if (!url) return null;
  try {
    return new URL(url).pathname;
  } catch {
    return url.startsWith('/') ? url.split(/[?#]/)[0] ?? null : null;
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isObject(a) && isObject(b)) return JSON.stringify(a) === JSON.stringify(b);
  if (Array.isArray(a) && Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

/** Whether an event's properties pass one filter (`exact` takes one value or a list of accepted values). */
export function propertyMatches(properties: Record<string, unknown>, filter: PropertyFilter): boolean {
  const actual = properties[filter.key];
  if (filter.operator === 'exact') {
    const accepted: readonly unknown[] = Array.isArray(filter.value) ? filter.value : [filter.value];
    return accepted.some((v) => sameValue(actual, v));
  }
  const n = typeof actual === 'number' ? actual : typeof actual === 'string' && actual.trim() !== '' ? Number(actual) : NaN;
  if (!Number.isFinite(n)) return false;
  return filter.operator === 'gte' ? n >= filter.value : n <= filter.value;
}

/** `event: null` matches any event. */
export function eventMatcher(match: Omit<EventMatch, 'event'> & { event: EventMatch['event'] | null }): (e: FunnelEvent) => boolean {
  const path = match.path ? globToRegExp(match.path) : null;
  const filters = match.properties ?? [];
  return (e) => {
    if (match.event !== null && e.event !== match.event) return false;
    if (path) {
      const p = eventPath(e.properties);
      if (p === null || !path.test(p)) return false;
    }
    return filters.every((f) => propertyMatches(e.properties, f));
  };
}

function stepMatcher(step: FunnelStep): (e: FunnelEvent) => boolean {
  return eventMatcher(step);
}

type FunnelStepResult = {
  step: FunnelStep;
  label: string;
  /** Persons who reached this step (within the window, in order). */
  count: number;
  /** Share of the first step's persons, and of the previous step's (1 for the first step with anyone in it). */
  conversionFromStart: number;
  conversionFromPrevious: number;
  /** Median time from the previous step, for the persons who reached this one. */
  medianMsFromPrevious: number | null;
  /** Persons who reached this step and not the next (none on the last step). */
  droppedOff: string[];
  converted: string[];
};

export type FunnelResult = {
  funnel: FunnelDefinition;
  steps: FunnelStepResult[];
  /** Persons who entered the funnel (did the first step). */
  entered: number;
  completed: number;
};

/** How far one person got: the timestamps (ms) of the steps reached in the best attempt. */
function bestAttempt(events: FunnelEvent[], matchers: ((e: FunnelEvent) => boolean)[], window: number): number[] {
  const sorted = events
    .map((e) => ({ e, t: Date.parse(e.timestamp) }))
    .filter((x) => Number.isFinite(x.t))
    .sort((a, b) => a.t - b.t);
  const [first, ...rest] = matchers;
  if (!first) return [];
  let best: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i]!;
    if (!first(start.e)) continue;
    const reached = [start.t];
    let j = i + 1;
    for (const match of rest) {
      while (j < sorted.length && sorted[j]!.t - start.t <= window && !match(sorted[j]!.e)) j++;
      const hit = sorted[j];
      if (!hit || hit.t - start.t > window) break;
      reached.push(hit.t);
      j++;
    }
    if (reached.length > best.length) best = reached;
    if (best.length === matchers.length) break;
  }
  return best;
}

/**
 * Unordered: from each event of any step, the distinct steps done within the window after it (PostHog's unordered
 * funnel). Returns the times of the steps reached, earliest first, for the best anchor.
 */
function bestUnorderedAttempt(events: FunnelEvent[], matchers: ((e: FunnelEvent) => boolean)[], window: number): number[] {
  const sorted = events
    .map((e) => ({ e, t: Date.parse(e.timestamp) }))
    .filter((x) => Number.isFinite(x.t))
    .sort((a, b) => a.t - b.t);
  let best: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i]!;
    if (!matchers.some((m) => m(start.e))) continue;
    const firstTimes = matchers.map((m) => sorted.slice(i).find((x) => x.t - start.t <= window && m(x.e))?.t);
    const reached = firstTimes.filter((t): t is number => t !== undefined).sort((a, b) => a - b);
    if (reached.length > best.length) best = reached;
    if (best.length === matchers.length) break;
  }
  return best;
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Computes a funnel. `personOf` maps a distinct id to its merged person (anonymous and identified ids of one
 * person count once); ids it does not know are persons of their own.
 */
export function computeFunnel(
  funnel: FunnelDefinition,
  events: FunnelEvent[],
  personOf: (distinctId: string) => string = (id) => id,
): FunnelResult {
  const matchers = funnel.steps.map(stepMatcher);
  const relevant = events.filter((e) => matchers.some((m) => m(e)));
  const byPerson = new Map<string, FunnelEvent[]>();
  for (const e of relevant) {
    const person = personOf(e.distinct_id);
    byPerson.set(person, [...(byPerson.get(person) ?? []), e]);
  }
  const window = windowMs(funnel.conversionWindow);
  const attempt = funnel.order === 'unordered' ? bestUnorderedAttempt : bestAttempt;
  const reached = [...byPerson].map(([person, list]) => ({ person, times: attempt(list, matchers, window) }));
  const entered = reached.filter((r) => r.times.length > 0).length;
  const steps = funnel.steps.map((step, i): FunnelStepResult => {
    const here = reached.filter((r) => r.times.length > i);
    const previous = i === 0 ? entered : reached.filter((r) => r.times.length > i - 1).length;
    const isLast = i === funnel.steps.length - 1;
    return {
      step,
      label: step.label,
      count: here.length,
      conversionFromStart: entered ? here.length / entered : 0,
      conversionFromPrevious: previous ? here.length / previous : 0,
      medianMsFromPrevious: i === 0 ? null : median(here.map((r) => r.times[i]! - r.times[i - 1]!)),
      droppedOff: isLast ? [] : here.filter((r) => r.times.length === i + 1).map((r) => r.person),
      converted: here.map((r) => r.person),
    };
  });
  return { funnel, steps, entered, completed: steps[steps.length - 1]?.count ?? 0 };
}
