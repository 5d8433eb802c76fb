// Any method on /api or an /api/* path no other route serves — a JSON 404 like every API refusal, never the HTML
// not-found page (API paths skip proxy.ts, which sets the pages' Content-Security-Policy).
import { NextResponse } from 'next/server';

const notFound = (): Response => NextResponse.json({ error: { code: 'not_found', message: 'No API endpoint at this path.' } }, { status: 404 });

export const GET = notFound;
export const HEAD = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
