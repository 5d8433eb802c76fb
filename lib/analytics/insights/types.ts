// The shapes of Orbit's insights as data: funnels, trends, cohorts, dashboards and alerts. One definition feeds the
// local inbox (computed over the collector's events), the Playwright funnel helpers and the provisioner that
// writes the same objects into PostHog and Sentry. Events and properties are catalog names (a test checks it).
// No server-only import: pure data, shared by scripts, tests and server components.
import type { EventName } from '@/lib/analytics/catalog';

/** Events a definition may name: catalog events, plus the PostHog events Orbit relies on (`$pageview`). */
type InsightEvent = EventName | '$pageview';

/** A property filter: equal to one of `value`, or compared to a number. */
export type PropertyFilter =
  | { key: string; operator: 'exact'; value: string | number | boolean | readonly (string | number | boolean)[] }
  | { key: string; operator: 'gte' | 'lte'; value: number };

export type EventMatch = {
  event: InsightEvent;
  /** Page path glob (`*` one segment, `**` any), only for `$pageview`. */
  path?: string;
  properties?: readonly PropertyFilter[];
};

/** One funnel step. */
export type FunnelStep = EventMatch & { label: string };

export type ConversionWindow = { value: number; unit: 'minute' | 'hour' | 'day' };

export type FunnelDefinition = {
  key: string;
  name: string;
  /** The question it answers (docs/dashboards.md shows it). */
  question: string;
  steps: readonly FunnelStep[];
  /** A person converts when every step happens, in order, within this time of the first step. */
  conversionWindow: ConversionWindow;
  /**
   * `ordered` (default): each step after the previous one. `unordered`: every step within the window, in any
   * order (PostHog's unordered funnel; step N counts persons who did any N of the steps) — for steps that fire
   * within milliseconds of each other from the browser and the server, whose order after clock correction is noise.
   */
  order?: 'ordered' | 'unordered';
};

/**
 * How a series aggregates its events:
 * - `total`: events; `weighted_total`: events weighted by 1 / `sample_rate` (sampled events like `api.request`);
 * - `dau`/`wau`/`mau`: distinct persons active on the day / in the 7 / 30 days ending on it;
 * - `p95`: 95th percentile of a numeric property; `sum`: the sum of a numeric property over the events.
 */
export type SeriesMath = 'total' | 'weighted_total' | 'dau' | 'wau' | 'mau' | { p95: string } | { sum: string };

export type TrendSeries = {
  /** `null`: any event (activity). */
  event: InsightEvent | null;
  label: string;
  math: SeriesMath;
  properties?: readonly PropertyFilter[];
};

export type TrendDefinition = {
  key: string;
  name: string;
  question: string;
  series: readonly TrendSeries[];
  /** Series letters A, B, … in order (PostHog's formula syntax): `B / A * 100`. */
  formula?: string;
  /** Split by an event property (the same one on every series). */
  breakdown?: string;
  interval: 'day' | 'week';
  /** Days shown, counted back from today. */
  range: number;
  /** How the number reads: a count, a percentage, milliseconds. */
  unit: 'count' | 'percent' | 'ms';
};

/** A person belongs when they did `event` (with `properties`) within `days` days: or, `negate`, did not. */
type CohortCriterion = { event: InsightEvent | null; properties?: readonly PropertyFilter[]; days: number; negate?: boolean };

export type CohortDefinition = {
  key: string;
  name: string;
  question: string;
  /** Every criterion holds (AND). */
  criteria: readonly CohortCriterion[];
  /** What a member is: a person, or the workspace group (`workspace_id` of the matching events). */
  unit: 'person' | 'workspace';
};

export type InsightRef = { kind: 'funnel'; key: string } | { kind: 'trend'; key: string } | { kind: 'cohort'; key: string };

export type DashboardDefinition = {
  key: string;
  name: string;
  question: string;
  items: readonly InsightRef[];
};

/**
 * PostHog insight alert on a trend: on a relative decrease or increase (`threshold` a share of change), or on the
 * value itself (`absolute_value`: fires above `threshold`).
 */
export type PostHogAlertDefinition = {
  key: string;
  name: string;
  question: string;
  trend: string;
  /** Index of the series (or 0 for the formula) it watches. */
  seriesIndex: number;
  condition: 'relative_decrease' | 'relative_increase' | 'absolute_value';
  /** Share of change that fires it (0.3 = 30 %); for `absolute_value`, the value it fires above. */
  threshold: number;
  interval: 'hourly' | 'daily';
};

/** A Sentry issue alert: on a new issue, or on any event matching a tag filter. */
export type SentryIssueAlertDefinition = {
  key: string;
  name: string;
  question: string;
  trigger: 'new_issue' | 'every_event';
  /** Any of these tag filters must match (none: every issue). */
  tags?: readonly { key: string; match: 'eq' | 'sw' | 'co'; value: string }[];
  /** Minutes between two notifications of one issue. */
  frequency: number;
};

/** A Sentry metric alert: error count, or p95 of transactions. */
export type SentryMetricAlertDefinition = {
  key: string;
  name: string;
  question: string;
  dataset: 'events' | 'transactions';
  aggregate: 'count()' | 'p95(transaction.duration)';
  /** Sentry search query (`transaction:"POST /api/webhooks/stripe"`). */
  query: string;
  /** Minutes aggregated per evaluation. */
  timeWindow: number;
  /** Fires above this value (events, or milliseconds). */
  critical: number;
  warning?: number;
};

export type AlertDefinitions = {
  posthog: readonly PostHogAlertDefinition[];
  sentryIssue: readonly SentryIssueAlertDefinition[];
  sentryMetric: readonly SentryMetricAlertDefinition[];
};
