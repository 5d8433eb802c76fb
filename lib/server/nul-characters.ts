// Postgres text cannot store U+0000: input holding one would pass its schema and then fail in the database (a 500).
// Boundaries check validated input with this and refuse it as a 400 instead.
import 'server-only';

/** The dotted path of the first string holding U+0000 in `value` ('' for a top-level string), or null. */
export function pathWithNul(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    const found = pathWithNul(child, path ? `${path}.${key}` : key);
    if (found !== null) return found;
  }
  return null;
}
