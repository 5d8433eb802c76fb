// Pageview enrichment: where the visit came from and how it entered, computed once from the landing URL and the
// document's referrer and attached to every `$pageview` of the visit; the masking of page URLs events carry. Pure, so
// it is unit-tested without a browser. Lazy chunk only (posthog-init.ts): nothing here is in first-load JS.
const UTM_PARAMS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_content', 'utm_term'] as const;
type UtmParam = (typeof UTM_PARAMS)[number];

export type EntryContext = {
  /** the external page the visit came from, without query or fragment (they may carry tokens), or `direct` */
  referrer_url: string;
  /** its host name, or `direct` */
  referrer_domain: string;
  entry_path: string;
  /** the entry's query string without parameters that could carry secrets or personal data, ad-click ids included ('' when none) */
  entry_query: string;
} & Partial<Record<UtmParam, string>>;

/** Parameter names never forwarded in `entry_query` (magic links, OAuth codes, resets, addresses). */
const SENSITIVE_PARAM = /(token|code|key|secret|pass|auth|session|sig|email|mail|phone|otp|ticket)/i;
/** Values that look like an email address, or long digit runs (card numbers, phone numbers). */
const SENSITIVE_VALUE = /@|\d{7,}/;

/**
 * Ad-click ids posthog-js masks in the `$current_url` it computes (`mask_personal_data_properties`, posthog-js 1.449):
 * the same list for the URLs Orbit hands it itself (a replayed event's page), which it does not mask.
 */
const CLICK_ID_PARAMS = ['gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'fbclid', 'msclkid', 'twclid', 'li_fat_id', 'igshid', 'ttclid', 'rdt_cid', 'epik', 'qclid', 'sccid', 'oppref', 'bfcid', 'irclid', '_kx'];
const MASKED = '<masked>';

export function sanitizeQuery(search: string): string {
  const params = new URLSearchParams(search);
  const kept = new URLSearchParams();
  for (const [name, value] of params) {
    if (SENSITIVE_PARAM.test(name) || SENSITIVE_VALUE.test(value) || CLICK_ID_PARAMS.includes(name.toLowerCase())) continue;
    kept.append(name, value);
  }
  const text = kept.toString();
  return text ? `?${text}` : '';
}

/**
 * A page URL as events may carry it: the values of ad-click ids and of parameters that could carry secrets or personal
 * data (the rules of `sanitizeQuery`) become `<masked>`, posthog-js's marker; everything else stays. An unparsable
 * URL is returned as it is.
 */
export function maskUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  const hidden = (name: string, value: string) => value !== MASKED && (CLICK_ID_PARAMS.includes(name.toLowerCase()) || SENSITIVE_PARAM.test(name) || SENSITIVE_VALUE.test(value));
  const params = [...parsed.searchParams];
  if (!params.some(([name, value]) => hidden(name, value))) return url;
  parsed.search = new URLSearchParams(params.map(([name, value]) => [name, hidden(name, value) ? MASKED : value])).toString();
  return parsed.href;
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
