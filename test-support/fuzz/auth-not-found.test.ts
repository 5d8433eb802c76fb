// Better Auth answers an unknown endpoint with a bare 404; Orbit's edge turns it into the structured error body.
import { describe, expect, it } from 'vitest';
import * as authRoute from '@/app/api/auth/[...all]/route';

describe('/api/auth/* unknown endpoint', () => {
  it('answers POST and GET of an unknown path with 404 { error: { code: not_found, message } }', async () => {
    for (const res of [
      await authRoute.POST(new Request('http://localhost/api/auth/%20', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '' })),
      await authRoute.GET(new Request('http://localhost/api/auth/no-such-endpoint')),
    ]) {
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    }
  });
});
