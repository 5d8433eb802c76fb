// Paths telemetry never tracks. Its own module: the loader, the pageview counter and the consent banner (first-load JS)
// need only this, not the enrichment and URL-masking code of the lazy chunk (enrichment.ts).

/** Paths that are never tracked: the local inbox and its API (a developer watching events is not a visitor). */
export function isUntrackedPath(pathname: string): boolean {
  return pathname === '/dev' || pathname.startsWith('/dev/') || pathname.startsWith('/api/dev/');
}
