// GET /api/dev/boom?marker=… — the debug surface (lib/dev-surfaces.ts, local mode only): a route handler that fails
// through the mutation wrapper (404 otherwise).
import { z } from 'zod';
import { debugError } from '@/debug/errors';
import { requireDevSurface } from '@/lib/dev-surfaces';
import { defineRoute } from '@/lib/server/route';

const boom = defineRoute(
  { name: 'dev.route_boom', input: z.object({ marker: z.string().max(100).default('') }), auth: 'public' },
  async (input) => {
    throw debugError('route-handler', input.marker);
  },
  false,
);

export const dynamic = 'force-dynamic';

export async function GET(...args: Parameters<typeof boom>): Promise<Response> {
  requireDevSurface('debug-errors');
  return boom(...args);
}
