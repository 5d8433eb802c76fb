import { describe, expect, it } from 'vitest';
import { beforeSendSpan } from './before-send';
import { epochSpanTimes } from './span-times';

const ORIGIN_S = 1_796_000_000.5; // performance.timeOrigin of the server process, in seconds

describe('epochSpanTimes', () => {
  it('moves times in seconds since process start (Next.js clientComponentLoading) onto the epoch', () => {
    const span = { name: 'NextNodeServer.clientComponentLoading', start_timestamp: 11071.97, end_timestamp: 11071.99, attributes: { 'next.span_type': 'x' } };
    const out = epochSpanTimes(span, ORIGIN_S);
    expect(out.start_timestamp).toBeCloseTo(ORIGIN_S + 11071.97, 6);
    expect(out.end_timestamp - out.start_timestamp).toBeCloseTo(0.02, 6);
    expect(out.attributes).toEqual({ 'next.span_type': 'x', 'orbit.time_rebased': true });
  });

  it('leaves epoch times alone', () => {
    const span = { start_timestamp: ORIGIN_S + 5, end_timestamp: ORIGIN_S + 6, attributes: {} };
    expect(epochSpanTimes(span, ORIGIN_S)).toBe(span);
  });

  it('is part of beforeSendSpan, on this process’s own time origin', () => {
    const out = beforeSendSpan({ name: 'NextNodeServer.clientComponentLoading', start_timestamp: performance.now() / 1000, end_timestamp: performance.now() / 1000, attributes: {} });
    expect(Math.abs(out.start_timestamp * 1000 - Date.now())).toBeLessThan(5_000);
  });
});
