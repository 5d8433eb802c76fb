import { describe, expect, it } from 'vitest';
import { quantile, ratio, summarize, timeToInteractive, totalBlockingTime } from './stats.mjs';

describe('benchmark statistics', () => {
  it('quantiles interpolate linearly and ignore non-finite values', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10, 20, 30, 40, 50], 0.99)).toBeCloseTo(49.6);
    expect(quantile([3, Number.NaN, 1, 2], 0.5)).toBe(2);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('summaries carry median, range and interquartile range', () => {
    expect(summarize([5, 1, 9, 3, 7])).toEqual({ n: 5, median: 5, min: 1, max: 9, p25: 3, p75: 7 });
  });

  it('ratios are NaN rather than infinite when the baseline is missing or zero', () => {
    expect(ratio(102, 100)).toBeCloseTo(1.02);
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(Number.NaN, 1)).toBeNaN();
  });

  it('TBT counts only the part of each long task beyond 50 ms inside the window', () => {
    // [start, duration]: 120 ms task before FCP is ignored; one straddling FCP counts its part after FCP.
    const tasks: Array<[number, number]> = [
      [0, 120],
      [150, 100], // 150–250, FCP at 200 → 50 ms inside → 0 blocking
      [300, 80], // 30
      [1000, 250], // 200
    ];
    expect(totalBlockingTime(tasks, 200, 2000)).toBe(230);
    expect(totalBlockingTime(tasks, 200, 1100)).toBe(80); // clipped at 1100: 100 ms inside → 50
  });

  it('TTI is the end of the last long task before a quiet window', () => {
    const tasks: Array<[number, number]> = [
      [500, 100],
      [1500, 200],
      [6000, 100],
    ];
    expect(timeToInteractive(tasks, 400, 3000)).toBe(1700);
    expect(timeToInteractive(tasks, 400, 5000)).toBe(6100);
    expect(timeToInteractive([], 400, 3000)).toBe(400);
  });
});
