import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safe-next';

describe('safeNextPath', () => {
  it.each([
    ['/dashboard', '/dashboard'],
    ['/projects/prj_1?tab=tasks#t1', '/projects/prj_1?tab=tasks#t1'],
    ['/settings/../dashboard', '/dashboard'],
  ])('keeps the same-origin path %s', (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });

  it.each(['https://evil.example/', '//evil.example', '/\\evil.example', '\\\\evil.example', '/\t/evil.example', 'javascript:alert(1)', 'dashboard', '', undefined, 42, ['/a']])(
    'refuses %j',
    (input) => {
      expect(safeNextPath(input)).toBeNull();
    },
  );
});
