// GET /api/edge/ping — an edge-runtime health check (no database); `?boom=1` fails on purpose in local mode.
import { decideLocalMode, localModeEnv } from '@/lib/local-mode';
import { AppError, errorResponse } from '@/lib/server/errors';

export const runtime = 'edge';
export const dynamic = 'force-dynamic';

export function GET(request: Request): Response {
  const url = new URL(request.url);
  if (url.searchParams.get('boom')) {
    if (!decideLocalMode(localModeEnv()).on) return errorResponse(new AppError('not_found', 'Not found.'));
    throw new Error(`Orbit debug: edge-route error ${url.searchParams.get('marker') ?? ''}`.trim());
  }
  return Response.json({ ok: true, runtime: 'edge', at: new Date().toISOString() });
}
