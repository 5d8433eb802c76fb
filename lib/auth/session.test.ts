// Asking who is calling only reads: the request's Sentry scope (user id, PostHog identity) is set by what owns the
// request (the page guards in lib/auth/guards.ts, the mutation wrapper for actions and route handlers), never as a side effect
// of getCurrentUser. Real Better Auth sessions on the in-memory database, the real Sentry scope; only Next's request
// scope is supplied by hand.
import { getIsolationScope } from '@sentry/nextjs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { DISTINCT_ID_HEADER } from '@/lib/analytics/constants';
import { request } from '@/test-support/next-request';
import { signUp } from '@/test-support/users';

vi.mock('next/headers', () => import('@/test-support/next-request'));

const { getCurrentUser } = await import('./session');
const { defineAction } = await import('@/lib/server/mutation');

async function signedIn(): Promise<{ cookie: string; userId: string }> {
  return signUp({ name: 'Session Reader' });
}

/** What getCurrentUser could have written: the user, tags and contexts of the request's scope. */
const identity = () => {
  const { user, tags, contexts } = getIsolationScope().getScopeData();
  return structuredClone({ user, tags, contexts });
};

beforeEach(() => {
  // A previous request's caller, so a write by the code under test shows whichever value it sets.
  getIsolationScope().setUser({ id: 'previous-caller' });
  getIsolationScope().setTags({ 'posthog.distinct_id': 'ph_previous' });
});

describe('getCurrentUser', () => {
  it('returns the signed-in user and leaves the Sentry scope untouched', async () => {
    const { cookie, userId } = await signedIn();
    request.headers = new Headers({ cookie, [DISTINCT_ID_HEADER]: 'ph_reader', 'x-forwarded-for': '10.7.0.1' });
    const before = identity();
    expect(await getCurrentUser()).toMatchObject({ id: userId, name: 'Session Reader' });
    expect(identity()).toEqual(before);
  });

  it('returns null for an anonymous caller, again without touching the scope', async () => {
    request.headers = new Headers({ 'x-forwarded-for': '10.7.0.2' });
    const before = identity();
    expect(await getCurrentUser()).toBeNull();
    expect(identity()).toEqual(before);
  });
});

describe('the mutation wrapper identifies the caller', () => {
  it('puts the user id (never the email) and the PostHog identity on the scope before validating the input', async () => {
    const { cookie, userId } = await signedIn();
    request.headers = new Headers({ cookie, [DISTINCT_ID_HEADER]: 'ph_writer', 'x-forwarded-for': '10.7.0.3' });
    const action = defineAction({ name: 'test.identify', input: z.object({ n: z.number() }), auth: 'user' }, async () => null, false);
    // Refused before the handler runs: the scope was set by the wrapper, not by the span around the handler.
    expect((await action(null, { n: 'x' } as never)).ok).toBe(false);
    const scope = getIsolationScope().getScopeData();
    expect(scope.user).toEqual({ id: userId });
    expect(scope.tags['posthog.distinct_id']).toBe('ph_writer');
  });
});

describe('page renders identify the caller through the guards', () => {
  // A client-side navigation renders the page without re-running the root layout, so the page's own guard must
  // put the caller on the scope.
  it('requireUser puts the user id and the PostHog identity on the scope', async () => {
    const { requireUser } = await import('./guards');
    const { cookie, userId } = await signedIn();
    request.headers = new Headers({ cookie, [DISTINCT_ID_HEADER]: 'ph_page', 'x-forwarded-for': '10.7.0.4' });
    await requireUser();
    const scope = getIsolationScope().getScopeData();
    expect(scope.user).toEqual({ id: userId });
    expect(scope.tags['posthog.distinct_id']).toBe('ph_page');
  });

  it('identifyCaller clears the previous caller for an anonymous visitor of a public page', async () => {
    const { identifyCaller } = await import('./guards');
    request.headers = new Headers({ 'x-forwarded-for': '10.7.0.5' });
    expect(await identifyCaller()).toBeNull();
    expect(getIsolationScope().getScopeData().user).toEqual({});
  });
});
