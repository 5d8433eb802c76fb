import { describe, expect, it } from 'vitest';
import { luhnValid } from '@/lib/privacy/patterns';
import { cardBrand, cardOutcome, cardPaymentInput, expiryInFuture, parseExpiry } from './card';

const future = `12 / ${String((new Date().getFullYear() + 3) % 100).padStart(2, '0')}`;
const valid = { sessionId: 'cs_local_x', cardNumber: '4242 4242 4242 4242', expiry: future, cvc: '123', name: 'Ada' };

describe('card checks', () => {
  it('applies the Luhn check', () => {
    expect(luhnValid('4242424242424242')).toBe(true);
    expect(luhnValid('4242424242424241')).toBe(false);
    expect(luhnValid('378282246310005')).toBe(true);
    expect(luhnValid('1234')).toBe(false);
  });

  it('detects brands', () => {
    expect(cardBrand('4242424242424242')).toBe('visa');
    expect(cardBrand('5555555555554444')).toBe('mastercard');
    expect(cardBrand('2223003122003222')).toBe('mastercard');
    expect(cardBrand('378282246310005')).toBe('amex');
    expect(cardBrand('6011111111111117')).toBe('discover');
  });

  it('parses expiry dates and rejects past ones', () => {
    expect(parseExpiry('04 / 31')).toEqual({ month: 4, year: 2031 });
    expect(parseExpiry('0431')).toEqual({ month: 4, year: 2031 });
    expect(parseExpiry('13/31')).toBeNull();
    const now = new Date(2030, 5, 15);
    expect(expiryInFuture({ month: 6, year: 2030 }, now)).toBe(true);
    expect(expiryInFuture({ month: 5, year: 2030 }, now)).toBe(false);
  });

  it("gives Stripe's test cards their documented outcomes", () => {
    expect(cardOutcome('4242424242424242')).toEqual({ ok: true });
    expect(cardOutcome('4000000000000002')).toMatchObject({ ok: false, declineCode: 'generic_decline', message: 'Your card was declined.' });
    expect(cardOutcome('4000000000009995')).toMatchObject({ declineCode: 'insufficient_funds' });
    expect(cardOutcome('4000000000000069')).toMatchObject({ declineCode: 'expired_card' });
    expect(cardOutcome('4000000000000127')).toMatchObject({ declineCode: 'incorrect_cvc' });
    // A real-looking card that is not a test card is declined, as in Stripe's test mode.
    expect(cardOutcome('4111111111111111')).toMatchObject({ ok: false, declineCode: 'test_mode_live_card' });
  });

  it('reduces the form to brand, last4 and outcome: the number and CVC do not survive parsing', () => {
    const parsed = cardPaymentInput.parse(valid);
    expect(parsed).toEqual({ sessionId: 'cs_local_x', card: { brand: 'visa', last4: '4242', outcome: { ok: true } } });
    expect(JSON.stringify(parsed)).not.toContain('4242424242424242');
    expect(JSON.stringify(parsed)).not.toContain('123');
  });

  it('reports each invalid field', () => {
    const result = cardPaymentInput.safeParse({ sessionId: 'cs', cardNumber: '4242 4242 4242 4241', expiry: '01 / 20', cvc: '12', name: '' });
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((i) => i.path[0]);
    expect(new Set(fields)).toEqual(new Set(['cardNumber', 'expiry', 'cvc', 'name']));
  });
});
