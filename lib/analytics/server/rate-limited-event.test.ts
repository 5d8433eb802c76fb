// api.rate_limited: a server action refused by its rate limit records the refusal (operation, seconds to wait),
// through the real log-in action, real posthog-node and the real local collector (in-process).
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { request } from '@/test-support/next-request';

request.headers = new Headers({ 'x-forwarded-for': '198.51.100.23' });
vi.mock('next/headers', () => import('@/test-support/next-request'));
vi.mock('next/cache', () => import('@/test-support/next-request'));

const { db } = await import('@/lib/db');
const { inboxEvents } = await import('@/lib/db/schema');
const { env } = await import('@/lib/env');
const { logInAction } = await import('@/lib/auth/actions');
const { configureServerAnalytics, serverAnalytics } = await import('./client');

afterEach(async () => {
  await serverAnalytics().shutdown(500);
});

describe('api.rate_limited', () => {
  it('is recorded when log-in attempts exceed the per-account budget', async () => {
    configureServerAnalytics({ apiRequestSampleRate: 0 });
    const form = new FormData();
    form.set('email', 'nobody-rate-limited@example.test');
    form.set('password', 'wrong password 123');
    for (let i = 0; i <= env.AUTH_RATE_LIMIT_MAX; i++) await logInAction(null, form).catch(() => undefined);
    for (let i = 0; i < 20 && serverAnalytics().stats().queued > 0; i++) {
      await new Promise((r) => setTimeout(r, 0));
      await serverAnalytics().flush();
    }
    await serverAnalytics().flush();
    const events = await db.select().from(inboxEvents).where(eq(inboxEvents.event, 'api.rate_limited'));
    expect(events.map((e) => e.properties)).toEqual([expect.objectContaining({ operation: 'auth.log_in', retry_after_s: expect.any(Number) })]);
  });
});
