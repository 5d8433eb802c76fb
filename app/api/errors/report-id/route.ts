// GET /api/errors/report-id?digest=… — the Sentry event id of a server error, for the error page's "report ID".
import { NextResponse, type NextRequest } from 'next/server';
import { eventIdForDigest } from '@/lib/monitoring/server/request-error';
import { badRequest, errorResponse } from '@/lib/server/errors';

export function GET(req: NextRequest): Response {
  const digest = req.nextUrl.searchParams.get('digest') ?? '';
  if (!/^[\w-]{1,64}$/.test(digest)) return errorResponse(badRequest('digest is required.'));
  return NextResponse.json({ eventId: eventIdForDigest(digest) }, { headers: { 'cache-control': 'no-store' } });
}
