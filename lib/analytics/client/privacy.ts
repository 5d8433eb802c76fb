// Text masking for session recordings. rrweb calls this for every text node (maskTextSelector '*'): elements
// marked `data-pii` / `.ph-mask` are masked whole; everywhere else only what looks like an email address or a card
// number is, so recordings stay readable while a checkout page that shows "billed to jane@…" or a card number does
// not leak it. Pure and dependency-free (unit-tested).
const EMAIL = /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[a-z]{2,}/gi;
/** 13–19 digits, optionally grouped by spaces or dashes (PANs); shorter numbers (prices, dates, ids) stay. */
const CARD = /\b\d(?:[ -]?\d){12,18}\b/g;
export const PII_SELECTOR = '[data-pii], .ph-mask';

const stars = (s: string): string => s.replace(/\S/g, '*');

export function maskPiiText(text: string, element?: Pick<Element, 'closest'> | null): string {
  if (element?.closest(PII_SELECTOR)) return stars(text);
  return text.replace(EMAIL, stars).replace(CARD, stars);
}
