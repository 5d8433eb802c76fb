// Postgres text cannot store U+0000: input holding one would pass its schema and then fail in the database (a 500).
// Boundaries check validated input with this and refuse it as a 400 instead.
import 'server-only';

type Visit = { value: unknown; key: string; parent: Visit | null };

/**
 * The dotted path of the first string holding U+0000 in `value` ('' for a top-level string), or null. Iterative: an
 * unvalidated body nested 100 000 deep (a few hundred KB of `[`) must not overflow the stack, and a path is built only
 * for the string that is found.
 */
export function pathWithNul(value: unknown): string | null {
  const stack: Visit[] = [{ value, key: '', parent: null }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    if (typeof visit.value === 'string') {
      if (!visit.value.includes('\u0000')) continue;
      const keys: string[] = [];
      for (let v: Visit | null = visit; v?.parent; v = v.parent) keys.push(v.key);
      return keys.reverse().join('.');
    }
    if (visit.value === null || typeof visit.value !== 'object') continue;
    // Reversed onto the stack, so the first key is visited first (the path reported is the first in document order).
    const entries = Object.entries(visit.value);
    for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: entries[i]![1], key: entries[i]![0], parent: visit });
  }
  return null;
}
