// Card checks for Orbit's local checkout: format (Luhn, expiry, CVC) and the outcome Stripe's test cards have in
// test mode. The zod schema turns the raw fields into a `CardCheck` that holds only brand and last4, so the card
// number and CVC never travel further than the validation step (not into logs, analytics or the database).
import { z } from 'zod';
import { luhnValid } from '@/lib/privacy/patterns';

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'diners' | 'jcb' | 'unionpay' | 'unknown';

type DeclineCode =
  | 'generic_decline'
  | 'insufficient_funds'
  | 'lost_card'
  | 'stolen_card'
  | 'expired_card'
  | 'incorrect_cvc'
  | 'processing_error'
  | 'fraudulent'
  | 'authentication_required'
  | 'test_mode_live_card';

export type CardOutcome = { ok: true } | { ok: false; declineCode: DeclineCode; message: string };

export type CardCheck = { brand: CardBrand; last4: string; outcome: CardOutcome };

const DECLINE_MESSAGES: Record<DeclineCode, string> = {
  generic_decline: 'Your card was declined.',
  insufficient_funds: 'Your card has insufficient funds.',
  lost_card: 'Your card was declined.',
  stolen_card: 'Your card was declined.',
  expired_card: 'Your card has expired.',
  incorrect_cvc: "Your card's security code is incorrect.",
  processing_error: 'An error occurred while processing your card. Try again in a little bit.',
  fraudulent: 'Your card was declined.',
  authentication_required: 'Your card was declined. This card requires authentication, which test checkout does not simulate.',
  test_mode_live_card: 'Your card was declined. This is a test checkout: use a test card such as 4242 4242 4242 4242.',
};

/** Stripe's documented test numbers (https://docs.stripe.com/testing) and what they do. */
const TEST_CARDS: Record<string, DeclineCode | 'success'> = {
  '4242424242424242': 'success',
  '4000056655665556': 'success',
  '5555555555554444': 'success',
  '2223003122003222': 'success',
  '5200828282828210': 'success',
  '378282246310005': 'success',
  '371449635398431': 'success',
  '6011111111111117': 'success',
  '3056930009020004': 'success',
  '3566002020360505': 'success',
  '6200000000000005': 'success',
  '4000000000000002': 'generic_decline',
  '4000000000009995': 'insufficient_funds',
  '4000000000009987': 'lost_card',
  '4000000000009979': 'stolen_card',
  '4000000000000069': 'expired_card',
  '4000000000000127': 'incorrect_cvc',
  '4000000000000119': 'processing_error',
  '4100000000000019': 'fraudulent',
  '4000000000000341': 'generic_decline',
  '4000002500003155': 'authentication_required',
  '4000002760003184': 'authentication_required',
};

function cardDigits(input: string): string {
  return input.replace(/[\s-]/g, '');
}


export function cardBrand(digits: string): CardBrand {
  if (/^4/.test(digits)) return 'visa';
  if (/^(5[1-5]|2(2[2-9][1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720))/.test(digits)) return 'mastercard';
  if (/^3[47]/.test(digits)) return 'amex';
  if (/^(6011|65|64[4-9])/.test(digits)) return 'discover';
  if (/^3(0[0-5]|[689])/.test(digits)) return 'diners';
  if (/^35/.test(digits)) return 'jcb';
  if (/^62/.test(digits)) return 'unionpay';
  return 'unknown';
}

/** `MM / YY`, `MM/YY`, `MMYY` or `MM/YYYY` → month and full year, or null. */
export function parseExpiry(input: string): { month: number; year: number } | null {
  const m = /^\s*(\d{1,2})\s*\/?\s*(\d{2}|\d{4})\s*$/.exec(input);
  if (!m) return null;
  const month = Number(m[1]);
  const year = m[2]!.length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
  if (month < 1 || month > 12) return null;
  return { month, year };
}

/** A card is valid through the last day of its expiry month. */
export function expiryInFuture(expiry: { month: number; year: number }, now = new Date()): boolean {
  return expiry.year > now.getFullYear() || (expiry.year === now.getFullYear() && expiry.month >= now.getMonth() + 1);
}

export function cardOutcome(digits: string): CardOutcome {
  const result = TEST_CARDS[digits] ?? 'test_mode_live_card';
  return result === 'success' ? { ok: true } : { ok: false, declineCode: result, message: DECLINE_MESSAGES[result] };
}

/** The card form's fields. Output: the session id and a `CardCheck` (brand, last4, outcome) — nothing else. */
export const cardPaymentInput = z
  .object({
    sessionId: z.string().min(1).max(100),
    cardNumber: z
      .string()
      .transform(cardDigits)
      .pipe(
        z
          .string()
          .min(1, 'Enter your card number.')
          .regex(/^\d+$/, 'Your card number is invalid.')
          .refine(luhnValid, 'Your card number is invalid.'),
      ),
    expiry: z
      .string()
      .min(1, "Enter your card's expiration date.")
      .refine((v) => parseExpiry(v) !== null, "Your card's expiration date is incomplete.")
      .refine((v) => {
        const e = parseExpiry(v);
        return !e || expiryInFuture(e);
      }, "Your card's expiration year is in the past."),
    cvc: z
      .string()
      .trim()
      .min(1, "Enter your card's security code.")
      .regex(/^\d{3,4}$/, "Your card's security code is incomplete."),
    name: z.string().trim().min(1, 'Enter the name on your card.').max(200),
  })
  .transform(({ sessionId, cardNumber }) => ({
    sessionId,
    card: { brand: cardBrand(cardNumber), last4: cardNumber.slice(-4), outcome: cardOutcome(cardNumber) } satisfies CardCheck,
  }));
