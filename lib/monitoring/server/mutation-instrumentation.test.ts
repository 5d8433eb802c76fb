// Every server action and route handler is instrumented by the mutation wrapper, not one by one: each handler runs
// inside traceMutation, unexpected failures are reported once, expected ones (AppError → 4xx) never.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { request } from '@/test-support/next-request';

vi.mock('next/headers', () => import('@/test-support/next-request'));
request.headers = new Headers({ 'x-forwarded-for': '10.1.0.1', 'x-posthog-distinct-id': 'ph_1' });

const spies = vi.hoisted(() => ({
  traced: [] as string[],
  captured: [] as Array<{ name: string; cause: unknown }>,
}));
vi.mock('./server', () => ({
  traceMutation: async (name: string, _identity: unknown, fn: () => Promise<unknown>) => {
    spies.traced.push(name);
    return fn();
  },
  captureMutationError: (name: string, cause: unknown) => {
    spies.captured.push({ name, cause });
    return 'event-id';
  },
}));

const { defineAction } = await import('@/lib/server/mutation');
const { defineRoute } = await import('@/lib/server/route');
const { AppError } = await import('@/lib/server/errors');
const { NextRequest } = await import('next/server');

beforeEach(() => {
  spies.traced.length = 0;
  spies.captured.length = 0;
});

describe('mutation wrapper instrumentation', () => {
  it('traces a successful server action and reports nothing', async () => {
    const action = defineAction({ name: 'test.ok', input: z.object({}), auth: 'public' }, async () => 42, false);
    expect(await action(null, {})).toEqual({ ok: true, data: 42 });
    expect(spies.traced).toEqual(['test.ok']);
    expect(spies.captured).toEqual([]);
  });

  it('reports an unexpected server action error once, and answers a generic 500 body', async () => {
    const boom = new Error('kaboom');
    const action = defineAction({ name: 'test.boom', input: z.object({}), auth: 'public' }, async () => {
      throw boom;
    }, false);
    const result = await action(null, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(spies.captured).toEqual([{ name: 'test.boom', cause: boom }]);
  });

  it('never reports expected errors (AppError) or validation failures', async () => {
    const action = defineAction({ name: 'test.expected', input: z.object({ n: z.number() }), auth: 'public' }, async () => {
      throw new AppError('conflict', 'Already there.');
    }, false);
    expect((await action(null, { n: 1 })).ok).toBe(false);
    expect((await action(null, { n: 'x' } as never)).ok).toBe(false);
    expect(spies.captured).toEqual([]);
  });

  it('instruments route handlers through the same path', async () => {
    const route = defineRoute({ name: 'test.route', input: z.object({}), auth: 'public' }, async () => {
      throw new Error('route kaboom');
    }, false);
    const res = await route(new NextRequest('http://localhost/api/x'), { params: Promise.resolve({}) });
    expect(res.status).toBe(500);
    expect(spies.traced).toEqual(['test.route']);
    expect(spies.captured.map((c) => c.name)).toEqual(['test.route']);
  });
});
