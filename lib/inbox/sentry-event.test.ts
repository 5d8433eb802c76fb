import { describe, expect, it } from 'vitest';
import { errorMomentOf } from './sentry-event';

describe('errorMomentOf (the replay link’s ?t= on an error’s inbox page)', () => {
  const received = '2026-12-06T07:00:00.000Z';

  it('is the event’s own time, to the millisecond', () => {
    expect(errorMomentOf({ timestamp: 1796536349.345 }, received)).toBe('2026-12-06T05:52:29.345Z');
  });

  it('reads an RFC 3339 timestamp too, as the protocol allows (and as the issues list does)', () => {
    expect(errorMomentOf({ timestamp: '2026-12-06T05:52:29.345Z' }, received)).toBe('2026-12-06T05:52:29.345Z');
    expect(errorMomentOf({ timestamp: '2026-12-06T06:52:29.345+01:00' }, received)).toBe('2026-12-06T05:52:29.345Z');
  });

  it('falls back to when the collector received the event', () => {
    expect(errorMomentOf({}, received)).toBe(received);
  });

  // The timestamp is whatever the sender wrote: a time Date cannot hold made the page throw (RangeError) before.
  it.each([[1e20], [-1e20], [-1], [Number.MAX_VALUE]])('leaves the moment out for a timestamp of %s, without throwing', (timestamp) => {
    expect(errorMomentOf({ timestamp }, received)).toBeNull();
  });

  it('leaves it out when neither time is one', () => {
    expect(errorMomentOf({ timestamp: 'soon' }, 'not a date')).toBeNull();
  });
});
