// `?next=` after login: only same-origin relative paths, so a crafted link cannot send a user elsewhere.
// No server-only import: pure and shared with the login form.
import { relativeTarget, sameOriginTarget } from '@/lib/security/redirect-target';

const BASE = 'http://orbit.invalid';

/** A root-relative path that stays on Orbit's origin, or null (the caller falls back to its default). */
export function safeNextPath(next: unknown): string | null {
  // Relative only: an absolute URL, even Orbit's own, is not something Orbit's links ever put in `next`.
  if (typeof next !== 'string' || !next.startsWith('/')) return null;
  const target = sameOriginTarget(next, BASE);
  return target ? relativeTarget(target) : null;
}
