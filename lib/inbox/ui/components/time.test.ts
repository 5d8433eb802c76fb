import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ClockTime, RelativeTime } from './time';

// Inbox pages show times read from payloads as their sender wrote them (a Sentry event's `timestamp`, a span's
// start): one Date cannot hold made `toISOString()` throw, and the whole page answered 500.
describe('ClockTime / RelativeTime', () => {
  it.each([ClockTime, RelativeTime])('%o renders a real time as a <time> with its ISO form', (Time) => {
    const html = renderToString(createElement(Time, { date: Date.UTC(2026, 11, 6, 7, 0, 0, 123) }));
    expect(html).toContain('dateTime="2026-12-06T07:00:00.123Z"');
  });

  it.each([
    [ClockTime, 1e20],
    [ClockTime, Number.NaN],
    [RelativeTime, -1e20],
    [RelativeTime, 'not a date'],
  ] as const)('%o renders a placeholder for %s instead of throwing', (Time, date) => {
    const html = renderToString(createElement(Time, { date }));
    expect(html).not.toContain('<time');
    expect(html).toContain('—');
  });
});
