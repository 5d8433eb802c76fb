// Small, dependency-free statistics for the benchmark: medians, quantiles (linear interpolation, like numpy's
// default), spreads and ratios. Every figure in the report goes through these, so they are unit-tested
// (bench/lib/stats.test.ts).

/** @param {number[]} xs */
function sorted(xs) {
  return xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
}

/** q-quantile (0..1) with linear interpolation; NaN for no data. */
export function quantile(xs, q) {
  const s = sorted(xs);
  if (s.length === 0) return Number.NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}


/** { median, min, max, p25, p75, n } of a sample: what every timing row in the report shows. */
export function summarize(xs) {
  const s = sorted(xs);
  return {
    n: s.length,
    median: quantile(s, 0.5),
    min: s.length ? s[0] : Number.NaN,
    max: s.length ? s[s.length - 1] : Number.NaN,
    p25: quantile(s, 0.25),
    p75: quantile(s, 0.75),
  };
}

/** a / b, NaN when b is 0 or either is missing. */
export function ratio(a, b) {
  return Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : Number.NaN;
}

/**
 * Lighthouse-style total blocking time: Σ max(0, duration − 50 ms) over long tasks, each clipped to
 * [from, to] (a task straddling FCP only counts its part after FCP).
 * @param {Array<[number, number]>} tasks [startTime, duration] pairs in ms
 */
export function totalBlockingTime(tasks, from, to) {
  let sum = 0;
  for (const [start, duration] of tasks) {
    const s = Math.max(start, from);
    const e = Math.min(start + duration, to);
    if (e - s > 50) sum += e - s - 50;
  }
  return sum;
}

/**
 * Time to interactive as Lighthouse approximates it without network data: the end of the last long task
 * that is followed by a quiet window (no long task) of `quietMs`, never earlier than `floor` (FCP or load).
 */
export function timeToInteractive(tasks, floor, quietMs) {
  let tti = floor;
  for (const [start, duration] of [...tasks].sort((a, b) => a[0] - b[0])) {
    if (start + duration <= floor) continue;
    if (start - tti >= quietMs) break;
    tti = Math.max(tti, start + duration);
  }
  return tti;
}
