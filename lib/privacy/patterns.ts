// What personal data looks like in free text, shared by every place that keeps it out: Sentry's scrubbers
// (lib/monitoring/shared/scrub.ts), the session-recording text mask (lib/telemetry/browser/privacy.ts) and the checkout's card
// validation (lib/billing/card.ts). No imports: safe in the browser, the edge runtime and Node.

/** An email address, also URL-encoded (`%40`), inside URLs, messages or stack values. Global: use with `replace`. */
export const EMAIL_PATTERN = /[\w.!#$%&'*+/=?^`{|}~-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+/gi;

/** 13–19 digits, optionally grouped by spaces or dashes (card numbers; shorter numbers stay). Global: use with `replace`. */
export const CARD_PATTERN = /\b\d(?:[ -]?\d){12,18}\b/g;

/** The Luhn checksum card numbers carry (12–19 digits, nothing else). */
export function luhnValid(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Field names whose values are secrets or personal data, as they appear in request bodies (`1_password` of a
 * server action, `user[email]`, `cardNumber`, `full_name`): the name may carry a prefix. Not global.
 */
export const SECRET_FIELD_NAME = /(?:^|[^a-z])(?:pass(?:word|wd|phrase)?|pwd|secret|token|api[_-]?key|card(?:[_-]?number)?|cc[_-]?(?:number|num|csc|exp)|cvc|cvv|csc|email|e-?mail[_-]?address|(?:full|first|last|given|family|display|user)?[_-]?name|phone|address|ssn)\]?$/i;
