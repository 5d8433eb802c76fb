// Any method on /api or an /api/* path no other route serves — a JSON 404 like every API refusal, never the HTML
// not-found page (API paths skip proxy.ts, which sets the pages' Content-Security-Policy).
import { AppError, errorResponse } from '@/lib/server/errors';

const notFound = (): Response => errorResponse(new AppError('not_found', 'No API endpoint at this path.'));

export const GET = notFound;
export const HEAD = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
