import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safe-next';

describe('safeNextPath', () => {
  it.each([
    ['/dashboard', '/dashboard'],
    ['/projects/prj_1?tab=tasks#t1', '/projects/prj_1?tab=tasks#t1'],
    ['/settings/../dashboard', '/dashboard'],
    ['/./dashboard', '/dashboard'],
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
  ])('keeps the same-origin path %s', (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });

  it.each(['https://evil.example/', '//evil.example', '/\\evil.example', '\\\\evil.example', '/\t/evil.example', 'javascript:alert(1)', 'dashboard', '', undefined, 42, ['/a']])(
    'refuses %j',
    (input) => {
      expect(safeNextPath(input)).toBeNull();
    },
  );

  // Each of these resolves to the path `//evil.example`, which a browser reads back as the host evil.example.
  it.each([
    '/.//evil.example',
    '/.//evil.example/path?q=1',
    '/%2e//evil.example',
    '/%2E//evil.example',
    '/a/..//evil.example',
    '/a/%2e%2e//evil.example',
    '/./%2e/.//evil.example',
    '/..//evil.example',
    '/.///evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    '/./\\evil.example',
  ])('refuses the dot-segment spelling of a network path %j', (input) => {
    const next = safeNextPath(input);
    expect(next).toBeNull();
  });

  it('whatever it keeps, a browser resolves on Orbit’s origin', () => {
    const origin = 'https://orbit.example';
    const inputs = ['/', '/a//b', '/a/./b/../c', '/%2e%2e/x', '/?next=//evil.example', '/#//evil.example', '/.%2f/evil.example'];
    for (const input of inputs) {
      const next = safeNextPath(input);
      if (next !== null) expect(new URL(next, origin).origin, input).toBe(origin);
    }
  });
});
