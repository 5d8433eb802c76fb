// GET /api/errors/report-id?digest=… — the Sentry event id of a server error, for the error page's "report ID".
import { NextResponse, type NextRequest } from 'next/server';
import { eventIdForDigest } from '@/lib/monitoring/server/request-error';

export function GET(req: NextRequest): Response {
  const digest = req.nextUrl.searchParams.get('digest') ?? '';
  if (!/^[\w-]{1,64}$/.test(digest)) return NextResponse.json({ error: { code: 'validation', message: 'digest is required.' } }, { status: 400 });
  return NextResponse.json({ eventId: eventIdForDigest(digest) }, { headers: { 'cache-control': 'no-store' } });
}
