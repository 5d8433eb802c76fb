import { describe, expect, it } from 'vitest';
import { beforeSendSpan } from './before-send';
import { epochSpanTimes } from './span-times';

const ORIGIN_S = 1_796_000_000.5; // performance.timeOrigin of the server process, in seconds

describe('epochSpanTimes', () => {
  it('moves times in seconds since process start (Next.js clientComponentLoading) onto the epoch', () => {
    // performance.now() milliseconds, which the SDK took for seconds
    const span = { name: 'NextNodeServer.clientComponentLoading', start_timestamp: 11071.97, end_timestamp: 11093.97, attributes: { 'next.span_type': 'x' } };
    const out = epochSpanTimes(span, ORIGIN_S);
    expect(out.start_timestamp).toBeCloseTo(ORIGIN_S + 11.07197, 6);
    expect(out.end_timestamp - out.start_timestamp).toBeCloseTo(0.022, 6);
    expect(out.attributes).toEqual({ 'next.span_type': 'x', 'orbit.time_rebased': true });
  });

  it('leaves epoch times alone', () => {
    const span = { start_timestamp: ORIGIN_S + 5, end_timestamp: ORIGIN_S + 6, attributes: {} };
    expect(epochSpanTimes(span, ORIGIN_S)).toBe(span);
  });

  it('is part of beforeSendSpan, on this process’s own time origin', () => {
    const out = beforeSendSpan({ name: 'NextNodeServer.clientComponentLoading', start_timestamp: performance.now(), end_timestamp: performance.now(), attributes: {} });
    expect(Math.abs(out.start_timestamp * 1000 - Date.now())).toBeLessThan(1_000);
  });
});
