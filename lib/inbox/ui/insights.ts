// Trends and cohorts of lib/analytics/insights computed over the local inbox's events, the way PostHog counts them:
// day buckets in UTC, persons merged across their distinct ids, `weighted_total` weighting sampled events by
// 1 / sample_rate, p95 by linear interpolation, sums, formulas over the series letters. Pure: the page passes the events.
import type { CohortDefinition, SeriesMath, TrendDefinition, TrendSeries } from '@/lib/analytics/insights';
import { eventMatcher, type FunnelEvent } from './funnel';

const DAY = 86_400_000;

export type TrendRow = {
  label: string;
  /** Breakdown value, when the trend has a breakdown. */
  breakdown?: string;
  /** One value per bucket; null where it is undefined (a percentile of nothing, a division by zero). */
  values: (number | null)[];
  /** The number the card shows: the sum over the range (counts), the last bucket (active users), the whole-range
   *  percentile or the formula over the range's totals. */
  summary: number | null;
};

export type TrendResult = { trend: TrendDefinition; buckets: string[]; rows: TrendRow[]; events: number };

type Timed = FunnelEvent & { t: number; person: string };

/** 95th percentile, linear interpolation between closest ranks (ClickHouse's quantile). */
export function p95(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * 0.95;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

/** Evaluates a formula over series letters (`B / A * 100`): numbers, letters, + - * / and parentheses only. */
export function evaluateFormula(formula: string, values: Record<string, number | null>): number | null {
  const tokens = formula.match(/\d+(?:\.\d+)?|[A-Z]|[-+*/()]/g) ?? [];
  if (tokens.join('') !== formula.replace(/\s+/g, '')) throw new Error(`Unsupported formula "${formula}"`);
  let i = 0;
  const primary = (): number | null => {
    const tok = tokens[i++];
    if (tok === '(') {
      const v = sum();
      i++;
      return v;
    }
    if (tok === '-') {
      const v = primary();
      return v === null ? null : -v;
    }
    if (tok && /^[A-Z]$/.test(tok)) return values[tok] ?? null;
    return tok === undefined ? null : Number(tok);
  };
  const product = (): number | null => {
    let v = primary();
    while (tokens[i] === '*' || tokens[i] === '/') {
      const op = tokens[i++];
      const r = primary();
      v = v === null || r === null ? null : op === '*' ? v * r : r === 0 ? null : v / r;
    }
    return v;
  };
  const sum = (): number | null => {
    let v = product();
    while (tokens[i] === '+' || tokens[i] === '-') {
      const op = tokens[i++];
      const r = product();
      v = v === null || r === null ? null : op === '+' ? v + r : v - r;
    }
    return v;
  };
  return sum();
}

function aggregate(math: SeriesMath, events: Timed[], end: number): number | null {
  if (math === 'total') return events.length;
  if (math === 'weighted_total') {
    return events.reduce((n, e) => {
      const rate = Number(e.properties.sample_rate);
      return n + (rate > 0 && rate <= 1 ? 1 / rate : 1);
    }, 0);
  }
  if (typeof math === 'object' && 'sum' in math) {
    return events.reduce((sum, e) => sum + (Number.isFinite(Number(e.properties[math.sum])) ? Number(e.properties[math.sum]) : 0), 0);
  }
  if (typeof math === 'object') {
    return p95(events.map((e) => Number(e.properties[math.p95])).filter((v) => Number.isFinite(v)));
  }
  const days = math === 'dau' ? 1 : math === 'wau' ? 7 : 30;
  return new Set(events.filter((e) => e.t >= end - days * DAY && e.t < end).map((e) => e.person)).size;
}

/** How many days before a bucket's start a series needs events from (active users look back 7 or 30 days). */
const lookback = (s: TrendSeries) => (s.math === 'wau' ? 7 : s.math === 'mau' ? 30 : 1);

export function computeTrend(trend: TrendDefinition, events: FunnelEvent[], personOf: (id: string) => string = (id) => id, now = Date.now()): TrendResult {
  const step = trend.interval === 'week' ? 7 * DAY : DAY;
  const today = Math.floor(now / DAY) * DAY;
  const count = Math.ceil(trend.range / (step / DAY));
  const starts = Array.from({ length: count }, (_, i) => today - (count - 1 - i) * step);
  const from = starts[0]! - 30 * DAY;
  const timed: Timed[] = events
    .map((e) => ({ ...e, t: Date.parse(e.timestamp), person: personOf(e.distinct_id) }))
    .filter((e) => Number.isFinite(e.t) && e.t >= from && e.t < today + DAY);
  const matched = trend.series.map((s) => timed.filter(eventMatcher(s)));
  const groups = trend.breakdown
    ? [...new Set(matched.flat().filter((e) => e.t >= starts[0]!).map((e) => String(e.properties[trend.breakdown!] ?? '(none)')))]
    : [undefined];

  const rows: TrendRow[] = [];
  for (const group of groups) {
    const inGroup = matched.map((list) => (group === undefined ? list : list.filter((e) => String(e.properties[trend.breakdown!] ?? '(none)') === group)));
    const perSeries = trend.series.map((s, si) =>
      starts.map((start) => {
        const end = start + step;
        const window = inGroup[si]!.filter((e) => e.t >= start - (lookback(s) - 1) * DAY * (step === DAY ? 1 : 0) && e.t < end);
        return aggregate(s.math, window, end);
      }),
    );
    const rangeStart = starts[0]!;
    const summaries = trend.series.map((s, si) => {
      if (s.math === 'dau' || s.math === 'wau' || s.math === 'mau') return perSeries[si]!.at(-1) ?? null;
      return aggregate(s.math, inGroup[si]!.filter((e) => e.t >= rangeStart), today + DAY);
    });
    if (trend.formula) {
      const letters = (i: number, pick: (si: number) => number | null) => Object.fromEntries(trend.series.map((_, si) => [String.fromCharCode(65 + si), pick(si)]));
      rows.push({
        label: trend.name,
        breakdown: group,
        values: starts.map((_, bi) => evaluateFormula(trend.formula!, letters(bi, (si) => perSeries[si]![bi]!))),
        summary: evaluateFormula(trend.formula, letters(0, (si) => summaries[si]!)),
      });
    } else {
      trend.series.forEach((s, si) => rows.push({ label: s.label, breakdown: group, values: perSeries[si]!, summary: summaries[si]! }));
    }
  }
  rows.sort((a, b) => (b.summary ?? -1) - (a.summary ?? -1));
  return {
    trend,
    buckets: starts.map((s) => new Date(s).toISOString().slice(0, 10)),
    rows: trend.breakdown ? rows.slice(0, 8) : trend.series.length > 1 && !trend.formula ? trend.series.map((s) => rows.find((r) => r.label === s.label)!) : rows,
    events: new Set(matched.flat()).size,
  };
}

export type CohortResult = { cohort: CohortDefinition; members: string[] };

/** Members: persons (or workspaces) for whom every criterion holds, counted back from now. */
export function computeCohort(cohort: CohortDefinition, events: FunnelEvent[], personOf: (id: string) => string = (id) => id, now = Date.now()): CohortResult {
  const timed = events.map((e) => ({ ...e, t: Date.parse(e.timestamp), person: personOf(e.distinct_id) })).filter((e) => Number.isFinite(e.t) && e.t <= now);
  const memberOf = (e: (typeof timed)[number]) => (cohort.unit === 'workspace' ? (typeof e.properties.workspace_id === 'string' ? e.properties.workspace_id : null) : e.person);
  const everyone = new Set(timed.map(memberOf).filter((m): m is string => m !== null));
  let members = [...everyone];
  for (const c of cohort.criteria) {
    const match = eventMatcher(c);
    const did = new Set(timed.filter((e) => e.t >= now - c.days * DAY && match(e)).map(memberOf));
    members = members.filter((m) => (c.negate ? !did.has(m) : did.has(m)));
  }
  return { cohort, members: members.sort() };
}
