// Text masking for session recordings. rrweb calls this for every text node (maskTextSelector '*'): elements
// marked `data-pii` / `.ph-mask` are masked whole; everywhere else only what looks like an email address or a card
// number is, so recordings stay readable while a checkout page that shows "billed to jane@…" or a card number does
// not leak it. Pure and dependency-free (unit-tested). Card-like numbers are masked without the Luhn check Sentry's
// scrubber applies: in a recording a false positive costs a few stars, a miss leaks a card.
import { CARD_PATTERN, EMAIL_PATTERN } from '@/lib/privacy/patterns';

export const PII_SELECTOR = '[data-pii], .ph-mask';

/**
 * Class of every element showing what a person typed about themselves or others (names, email addresses, invite
 * emails): `ph-mask` masks its text in session recordings, `ph-sensitive` keeps its text and attributes out of
 * autocapture. Such values never go into attributes (`title`, `data-*`): rrweb records attributes unmasked.
 */
export const PRIVATE_TEXT_CLASS = 'ph-mask ph-sensitive';

const stars = (s: string): string => s.replace(/\S/g, '*');

export function maskPiiText(text: string, element?: Pick<Element, 'closest'> | null): string {
  if (element?.closest(PII_SELECTOR)) return stars(text);
  return text.replace(EMAIL_PATTERN, stars).replace(CARD_PATTERN, stars);
}
