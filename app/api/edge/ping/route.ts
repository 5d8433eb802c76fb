// GET /api/edge/ping — an edge-runtime health check (no database); `?boom=1` fails on purpose in local mode.
export const runtime = 'edge';
export const dynamic = 'force-dynamic';

export function GET(request: Request): Response {
  const url = new URL(request.url);
  if (url.searchParams.get('boom')) {
    const e = process.env;
    const local = ['1', 'true'].includes(e.LOCAL_INBOX ?? '') || (!e.NEXT_PUBLIC_POSTHOG_KEY && !e.SENTRY_DSN && !e.NEXT_PUBLIC_SENTRY_DSN);
    if (!local) return Response.json({ error: { code: 'not_found', message: 'Not found.' } }, { status: 404 });
    throw new Error(`Orbit debug: edge-route error ${url.searchParams.get('marker') ?? ''}`.trim());
  }
  return Response.json({ ok: true, runtime: 'edge', at: new Date().toISOString() });
}
