// The page-path globs of insight definitions (`EventMatch.path` in ./types.ts), as one regular expression: what
// PostHog is sent as a `$pathname` regex filter (provision/posthog.ts) and what the local inbox's funnels match.

/** `*` matches within one path segment, `**` across segments; a trailing slash is ignored. */
export function globToRegExp(glob: string): RegExp {
  const normalized = glob.length > 1 ? glob.replace(/\/+$/, '') : glob;
  const source = normalized
    .split(/(\*\*|\*)/)
    .map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}/?$`);
}
