// Which URLs are app pages (signed-in only), shared by proxy.ts and the (app) layout. No server-only import and
// no database: the proxy imports it.
const APP_PREFIXES = ['/dashboard', '/projects', '/settings', '/billing', '/onboarding'] as const;

/** Request header the proxy sets to the pathname being rendered (layouts do not receive it otherwise). */
export const PATHNAME_HEADER = 'x-orbit-pathname';

export function isAppPath(pathname: string): boolean {
  return APP_PREFIXES.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

export function isOnboardingPath(pathname: string): boolean {
  return pathname === '/onboarding' || pathname.startsWith('/onboarding/');
}
