// Text masking for session recordings. rrweb calls this for every text node (maskTextSelector '*'): elements
// marked `data-pii` / `.ph-mask`, the page title and Next's route announcer are masked whole; everywhere else only what looks like an email address or a card
// number is, so recordings stay readable while a checkout page that shows "billed to jane@…" or a card number does
// not leak it. Pure and dependency-free (unit-tested). Card-like numbers are masked without the Luhn check Sentry's
// scrubber applies: in a recording a false positive costs a few stars, a miss leaks a card.
import { CARD_PATTERN, EMAIL_PATTERN } from '@/lib/privacy/patterns';

/**
 * Elements whose text is masked whole. Two of them hold what a page shows: `title` (a project page is titled with
 * the project's name; rrweb records the document head) and Next's route announcer, a live region that repeats the
 * new page's title or first heading (a workspace's name on the dashboard) after each client navigation.
 */
export const PII_SELECTOR = '[data-pii], .ph-mask, title, #__next-route-announcer__';

/**
 * Class of every element showing what a person typed about themselves or others (names, email addresses, invite
 * emails, workspace and project names): `ph-mask` masks its text in session recordings, `ph-sensitive` keeps its text and attributes out of
 * autocapture. Such values never go into attributes (`title`, `data-*`): rrweb records attributes unmasked.
 */
export const PRIVATE_TEXT_CLASS = 'ph-mask ph-sensitive';

const stars = (s: string): string => s.replace(/\S/g, '*');

export function maskPiiText(text: string, element?: Pick<Element, 'closest'> | null): string {
  if (element?.closest(PII_SELECTOR)) return stars(text);
  return text.replace(EMAIL_PATTERN, stars).replace(CARD_PATTERN, stars);
}
