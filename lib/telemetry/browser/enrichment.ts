// Pageview enrichment: where the visit came from and how it entered, computed once from the landing URL and the
// document's referrer and attached to every `$pageview` of the visit. Pure, so it is unit-tested without a browser.
const UTM_PARAMS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_content', 'utm_term'] as const;
type UtmParam = (typeof UTM_PARAMS)[number];

export type EntryContext = {
  /** the external page the visit came from, without query or fragment (they may carry tokens), or `direct` */
  referrer_url: string;
  /** its host name, or `direct` */
  referrer_domain: string;
  entry_path: string;
  /** the entry's query string without parameters that could carry secrets or personal data ('' when none) */
  entry_query: string;
} & Partial<Record<UtmParam, string>>;

/** Parameter names never forwarded in `entry_query` (magic links, OAuth codes, resets, addresses). */
const SENSITIVE_PARAM = /(token|code|key|secret|pass|auth|session|sig|email|mail|phone|otp|ticket)/i;
/** Values that look like an email address, or long digit runs (card numbers, phone numbers). */
const SENSITIVE_VALUE = /@|\d{7,}/;

export function sanitizeQuery(search: string): string {
  const params = new URLSearchParams(search);
  const kept = new URLSearchParams();
  for (const [name, value] of params) {
    if (SENSITIVE_PARAM.test(name) || SENSITIVE_VALUE.test(value)) continue;
    kept.append(name, value);
  }
  const text = kept.toString();
  return text ? `?${text}` : '';
}

/**
 * `referrer` is `document.referrer` of the landing document. A referrer on the site's own origin (a full page load
 * from another Orbit page) is not an entry source: the visit then counts as `direct`.
 */
export function entryContext(landingUrl: string, referrer: string): EntryContext {
  const landing = new URL(landingUrl);
  let referrerUrl = 'direct';
  let referrerDomain = 'direct';
  if (referrer) {
    try {
      const ref = new URL(referrer);
      if (ref.origin !== landing.origin && (ref.protocol === 'https:' || ref.protocol === 'http:')) {
        referrerUrl = `${ref.origin}${ref.pathname}`;
        referrerDomain = ref.hostname;
      }
    } catch {
      // An unparsable referrer tells nothing: direct.
    }
  }
  const context: EntryContext = {
    referrer_url: referrerUrl,
    referrer_domain: referrerDomain,
    entry_path: landing.pathname,
    entry_query: sanitizeQuery(landing.search),
  };
  for (const param of UTM_PARAMS) {
    const value = landing.searchParams.get(param);
    if (value && !SENSITIVE_VALUE.test(value)) context[param] = value.slice(0, 100);
  }
  return context;
}

/** Paths that are never tracked: the local inbox and its API (a developer watching events is not a visitor). */
export function isUntrackedPath(pathname: string): boolean {
  return pathname === '/dev' || pathname.startsWith('/dev/') || pathname.startsWith('/api/dev/');
}
