// The failed-log-in budgets on their own (no password hashing): which attempts draw on which counter, so that an
// attacker gets few guesses per account and cannot spend the owner's. The attacks through the real log-in paths are
// in brute-force.test.ts.
import { describe, expect, it } from 'vitest';
import {
  LOGIN_FAILURES_NEW_DEVICES,
  LOGIN_FAILURES_PER_DEVICE,
  LOGIN_FAILURES_PER_SOURCE,
  refundLogInAttempt,
  reserveLogInAttempt,
  type LogInAttempt,
} from './account-limits';
import { knownDevice, rememberDevice } from './known-device';

let counter = 0;
const account = () => `limits-${++counter}-${Date.now()}@example.test`;

async function attempts(n: number, attempt: LogInAttempt): Promise<boolean[]> {
  const out = [];
  for (let i = 0; i < n; i++) out.push((await reserveLogInAttempt(attempt)).allowed);
  return out;
}

const allowed = (n: number, of: number) => [...Array<boolean>(n).fill(true), ...Array<boolean>(of - n).fill(false)];

describe('failed log-in budgets', () => {
  it('has the documented figures (docs/security.md)', () => {
    expect([LOGIN_FAILURES_PER_SOURCE, LOGIN_FAILURES_NEW_DEVICES, LOGIN_FAILURES_PER_DEVICE]).toEqual([
      { window: 900, max: 5 },
      { window: 900, max: 10 },
      { window: 900, max: 10 },
    ]);
  });

  it('one address gets five guesses per account; its refused attempts leave the other new devices their five', async () => {
    const email = account();
    expect(await attempts(20, { email, address: '203.0.113.1', device: null })).toEqual(allowed(5, 20));
    expect(await attempts(6, { email, address: '2001:db8:9::/64', device: null })).toEqual(allowed(5, 6));
    // Every new device together: ten per account, whatever the number of addresses.
    expect(await attempts(1, { email, address: '203.0.113.3', device: null })).toEqual([false]);
  });

  it("a known device has its own ten, untouched by the others' failures, and then waits too", async () => {
    const email = account();
    for (let i = 0; i < 10; i++) await reserveLogInAttempt({ email, address: `203.0.113.${10 + i}`, device: null });
    expect((await reserveLogInAttempt({ email, address: '203.0.113.99', device: null })).allowed).toBe(false);
    expect(await attempts(12, { email, address: '203.0.113.99', device: 'device-a' })).toEqual(allowed(10, 12));
    // Another known device of the same account is another budget.
    expect(await attempts(1, { email, address: '203.0.113.99', device: 'device-b' })).toEqual([true]);
  });

  it('a successful log-in gives its attempt back to every budget it drew on', async () => {
    const email = account();
    const attempt = { email, address: '203.0.113.50', device: null };
    for (let i = 0; i < 4; i++) await reserveLogInAttempt(attempt);
    await reserveLogInAttempt(attempt);
    await refundLogInAttempt(attempt);
    expect(await attempts(2, attempt)).toEqual([true, false]);
  });

  it('counts the email normalised', async () => {
    const email = account();
    await attempts(5, { email, address: '203.0.113.60', device: null });
    expect(await attempts(1, { email: `  ${email.toUpperCase()} `, address: '203.0.113.60', device: null })).toEqual([false]);
  });
});

describe('known-device cookie', () => {
  it('names the accounts that logged in on this browser, readable only with the server secret', () => {
    const cookie = rememberDevice(null, 'Owner@Example.test');
    const device = knownDevice(cookie, 'owner@example.test');
    expect(device).toMatch(/^[\w-]{22}$/);
    expect(cookie).not.toContain('owner');
    expect(knownDevice(cookie, 'someone-else@example.test')).toBeNull();
    // The same device id when a second account logs in on this browser; both are known.
    const both = rememberDevice(cookie, 'second@example.test');
    expect(knownDevice(both, 'second@example.test')).toBe(device);
    expect(knownDevice(both, 'owner@example.test')).toBe(device);
  });

  it('is not forged by editing the device id, a tag, or the format', () => {
    const cookie = rememberDevice(null, 'owner@example.test');
    const [id, tag] = cookie.split('.') as [string, string];
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    for (const forged of [`${flip(id)}.${tag}`, `${id}.${flip(tag)}`, `${id}`, `${id}.${tag}.`, '', 'x'.repeat(5000)]) {
      expect(knownDevice(forged, 'owner@example.test'), forged.slice(0, 40)).toBeNull();
    }
    expect(knownDevice(undefined, 'owner@example.test')).toBeNull();
  });

  it('keeps the five most recent accounts', () => {
    let cookie: string | null = null;
    for (let i = 0; i < 7; i++) cookie = rememberDevice(cookie, `user${i}@example.test`);
    expect([0, 1, 2, 3, 4, 5, 6].map((i) => knownDevice(cookie, `user${i}@example.test`) !== null)).toEqual([false, false, true, true, true, true, true]);
  });
});
