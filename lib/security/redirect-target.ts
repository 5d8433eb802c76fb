// Where a redirect built from input may go: the target is resolved against the app's origin exactly as a browser
// resolves a `Location` header, and kept only when the result is on that origin and reads back as the same place.
// `/.//evil.example`, `/%2e//evil.example`, `/a/..//evil.example` resolve to the path `//evil.example`: same origin
// as a URL, but written back as a root-relative path a browser reads it as the host evil.example. No server-only
// import: pure, and shared by the login page, the log-in action and the auth route.
const MAX_LENGTH = 2048;
// Tab, CR and LF are removed by URL parsers (`/\t/evil.example` becomes `//evil.example`); backslashes are read as
// slashes in http(s) URLs. Neither belongs in a redirect Orbit builds, so they are refused before any parsing.
const UNSAFE = /[\u0000-\u001f\u007f\\]/;

/** The resolved target when `input` stays on `origin` and its path cannot be read as another host; else null. */
export function sameOriginTarget(input: unknown, origin: string): URL | null {
  if (typeof input !== 'string' || input === '' || input.length > MAX_LENGTH || UNSAFE.test(input)) return null;
  let url: URL;
  try {
    url = new URL(input, origin);
  } catch {
    return null;
  }
  if (url.origin !== new URL(origin).origin || url.username || url.password) return null;
  if (url.pathname.startsWith('//')) return null;
  return url;
}

/** The root-relative form of a same-origin target (path, query, fragment), for `redirect()` and `?next=`. */
export const relativeTarget = (url: URL): string => `${url.pathname}${url.search}${url.hash}`;
