// `?next=` after login: only same-origin relative paths, so a crafted link cannot send a user elsewhere.
// No server-only import: pure and shared with the login form.
const BASE = 'http://orbit.invalid';

export function safeNextPath(next: unknown): string | null {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return null;
  // Control characters (tab, newline) are stripped by URL parsers and could turn `/\t/evil.com` into `//evil.com`.
  if (/[\u0000-\u001f\u007f]/.test(next)) return null;
  try {
    const url = new URL(next, BASE);
    if (url.origin !== BASE) return null;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return null;
  }
}
