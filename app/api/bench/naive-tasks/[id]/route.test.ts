import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { POST } from './route';

describe('POST /api/bench/naive-tasks/[id] (benchmark only)', () => {
  it('does not exist unless BENCH_NAIVE_ANALYTICS=1', async () => {
    const req = new NextRequest('http://127.0.0.1/api/bench/naive-tasks/p1', { method: 'POST', body: JSON.stringify({ title: 'x' }) });
    const res = await POST(req, { params: Promise.resolve({ id: 'p1' }) });
    expect(res.status).toBe(404);
  });
});
