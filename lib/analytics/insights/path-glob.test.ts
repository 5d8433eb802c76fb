import { describe, expect, it } from 'vitest';
import { globToRegExp } from './path-glob';

describe('globToRegExp', () => {
  it('matches one segment with * and any depth with **', () => {
    expect(globToRegExp('/checkout/*').test('/checkout/cs_123')).toBe(true);
    expect(globToRegExp('/checkout/*').test('/checkout/cs_123/done')).toBe(false);
    expect(globToRegExp('/checkout/*').test('/checkout')).toBe(false);
    expect(globToRegExp('/onboarding/**').test('/onboarding/a/b')).toBe(true);
    expect(globToRegExp('/').test('/')).toBe(true);
    expect(globToRegExp('/').test('/pricing')).toBe(false);
    expect(globToRegExp('/a.b').test('/axb')).toBe(false);
  });
});
