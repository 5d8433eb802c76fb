// The server-action fuzz harness (test-support/fuzz/actions-*.test.ts, one file per group of actions so Vitest's
// workers share them): hostile input against every server action (lib/**/actions.ts), called as a client can call
// them: FormData with any fields, or any serialisable value in its place. Whatever arrives: a structured result,
// never `internal`, never a throw other than Next's redirect signal. Inputs: the committed corpus, then a fixed seed
// (test-support/fuzz/settings.ts); `npm run test:fuzz` explores new seeds. The test files mock next/headers and
// next/cache with test-support/next-request before importing the actions and this module.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { request } from '@/test-support/next-request';
import { signUpWithWorkspace } from '@/test-support/users';
import { anyText } from './arbitraries';
import { actionCorpus, corpusInputs } from './corpus';
import { checkProperty } from './settings';

export type Action = (previous: null, input: never) => Promise<unknown>;

const KEYS = ['plan', 'sessionId', 'cardNumber', 'expiry', 'cvc', 'name', 'intent', 'jobRole', 'email', 'role', '$ACTION_ID_x', '__proto__', 'constructor'];
const text = fc.oneof(
  anyText(60),
  fc.constantFrom('', ' ', '\u0000', 'pro', 'team', 'free', 'skip', 'continue', 'create', 'member', 'admin', 'owner', 'founder', '4242424242424242', '12/99', '123', 'a@b.co'),
  fc.integer({ min: 0, max: 100_000 }).map((n) => 'x'.repeat(n)),
);
const formInput = fc.array(fc.tuple(fc.constantFrom(...KEYS), text), { maxLength: 8 }).map((entries) => {
  const form = new FormData();
  for (const [k, v] of entries) form.append(k, v);
  return form;
});
const objectInput = fc.dictionary(fc.constantFrom(...KEYS), fc.oneof(fc.jsonValue({ maxDepth: 3 }), text), { maxKeys: 6 });
const input: fc.Arbitrary<unknown> = fc.oneof(formInput, objectInput, fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(undefined, null));

/** Registers one fuzz test per action of `actions` (name → action), in a describe block of the calling test file. */
export function fuzzServerActions(actions: Record<string, Action>): void {
  const tried = new Map<string, number>();
  let internal = 0;
  let cookie: string;

  beforeAll(async () => {
    ({ cookie } = await signUpWithWorkspace('Fuzz workspace', { name: 'Fuzz' }));
  });

  afterAll(() => {
    vi.useRealTimers();
    const total = [...tried.values()].reduce((a, b) => a + b, 0);
    for (const [name, n] of tried) console.log(`fuzz: ${name}: ${n} inputs`);
    console.log(`fuzz: ${total} inputs over ${tried.size} server actions, ${internal} internal errors`);
  });

  const isRedirect = (error: unknown) => String((error as { digest?: unknown } | null)?.digest ?? '').startsWith('NEXT_REDIRECT');

  describe('server actions under hostile input', () => {
    for (const [name, action] of Object.entries(actions)) {
      it(`${name}: a structured result for any input`, async () => {
        // Per-user budgets (10 a minute on billing) would otherwise turn every later input into 429 before the
        // schema sees it: the clock moves past the window between inputs.
        vi.useFakeTimers({ toFake: ['Date'] });
        try {
          await checkProperty(
            name,
            fc.asyncProperty(input, async (value) => {
              tried.set(name, (tried.get(name) ?? 0) + 1);
              vi.setSystemTime(Date.now() + 61_000);
              // Every HTTP/1.1 request carries a Host (the billing actions derive their redirect origin from it without APP_URL).
              request.headers = new Headers({ cookie, host: 'localhost:3000', 'x-forwarded-for': '10.7.0.1' });
              let result: unknown;
              try {
                result = await action(null, value as never);
              } catch (error) {
                if (isRedirect(error)) return;
                throw error;
              }
              const r = result as { ok?: boolean; error?: { code?: unknown; message?: unknown } };
              if (r.ok) return;
              if (r.error?.code === 'internal') internal++;
              expect(r.error?.code, `${name} → ${JSON.stringify(result)}`).not.toBe('internal');
              expect(typeof r.error?.code).toBe('string');
              expect(typeof r.error?.message).toBe('string');
            }),
            corpusInputs(actionCorpus[name]),
          );
        } finally {
          vi.useRealTimers();
        }
      }, 120_000);
    }
  });
}
