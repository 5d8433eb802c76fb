// Every dynamic segment of app/ on the production server, signed in with a workspace: a malformed percent-encoding
// (overlong, surrogate, truncated), a NUL, or a value no id can be answers 400 or 404, never a 5xx, and sends no
// error event to Sentry. Only a real `next start` shows this: Next decodes the path into params before any route
// runs, and the Node request hook refuses what it cannot decode (lib/server/path-segment.ts). The unit side, route
// by route, is test-support/fuzz/path-segments.test.ts; the table is in docs/reliability.md ("Path segments").
import { randomBytes } from 'node:crypto';
import { completeOnboarding, expect, signUp, test, uniqueName } from './fixtures';
import type { SentryItemRow } from '@/lib/inbox/rows';

/** Method and path of every dynamic route and page; `{}` is the segment under test. */
const ROUTES: [string, string][] = [
  ['GET', '/api/projects/{}'],
  ['PATCH', '/api/projects/{}'],
  ['DELETE', '/api/projects/{}'],
  ['GET', '/api/projects/{}/tasks'],
  ['POST', '/api/projects/{}/tasks'],
  ['PATCH', '/api/tasks/{}'],
  ['DELETE', '/api/tasks/{}'],
  ['POST', '/api/bench/naive-tasks/{}'],
  ['GET', '/api/dev/inbox/issues/{}'],
  ['GET', '/api/dev/inbox/persons/{}'],
  ['GET', '/api/dev/inbox/recordings/{}'],
  ['GET', '/api/dev/inbox/sentry/{}'],
  ['GET', '/api/auth/{}'],
  ['POST', '/api/auth/{}'],
  ['GET', '/ingest/{}/'],
  ['POST', '/ingest/e/{}'],
  ['POST', '/sentry/api/{}/envelope/'],
  ['GET', '/checkout/{}'],
  ['GET', '/projects/{}'],
  ['GET', '/dev/inbox/dashboards/{}'],
  ['GET', '/dev/inbox/errors/{}'],
  ['GET', '/dev/inbox/errors/issues/{}'],
  ['GET', '/dev/inbox/persons/{}'],
  ['GET', '/dev/inbox/recordings/{}'],
  ['GET', '/dev/inbox/traces/{}'],
];

/** After the test's marker: encodings Next cannot decode, NUL, and values that decode but no id can be. */
const SEGMENTS = ['%00', 'a%00b', 'a%00b.js', '%C0%AE', '%C0%AE%C0%AE', '%E0%80%80', '%ED%A0%80', '%E2%82', '%', '%zz', '%FF', '%C0%AE.png', '%2500', 'x'.repeat(300)];

test('every dynamic segment refuses what no route can hold with 400/404, and Sentry hears of none of it', async ({ page, freshUser, baseURL }) => {
  test.setTimeout(120_000);
  await signUp(page, freshUser);
  await completeOnboarding(page, { workspace: uniqueName('Segments') });
  const mark = `m${randomBytes(5).toString('hex')}`;
  const answers: string[] = [];
  for (const [method, template] of ROUTES) {
    for (const segment of SEGMENTS) {
      const path = template.replace('{}', `${mark}${segment}`);
      // page.request carries the session cookie; the Origin is this server's, as from the app's own pages.
      const res = await page.request.fetch(path, {
        method,
        maxRedirects: 0,
        headers: { origin: baseURL!, 'content-type': 'application/json' },
        data: method === 'GET' || method === 'DELETE' ? undefined : '{"title":"x","name":"x"}',
      });
      answers.push(`${res.status()} ${method} ${path.slice(0, 80)}`);
    }
  }
  expect(answers.filter((a) => !/^(400|404) /.test(a)), 'answers other than 400/404').toEqual([]);

  // "Nothing was sent", without sleeping: a server error sent on purpose after the requests arrives first.
  const sentinel = `m${randomBytes(5).toString('hex')}`;
  await page.request.get(`/api/dev/boom?marker=${sentinel}`);
  const errorEvents = async () => {
    const res = await page.request.get('/api/dev/inbox/sentry?type=event&order=desc&limit=1000');
    return ((await res.json()) as { items: SentryItemRow[] }).items.map((i) => JSON.stringify(i.payload));
  };
  await expect.poll(async () => (await errorEvents()).some((e) => e.includes(sentinel)), { timeout: 20_000, message: 'the sentinel error event' }).toBe(true);
  expect((await errorEvents()).filter((e) => e.includes(mark)).map((e) => e.slice(0, 300)), `error events for ${mark}`).toEqual([]);
});
