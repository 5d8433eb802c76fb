// GET/POST /api/auth/* — Better Auth's own endpoints (session, sign-in/up/out for API clients), rate limited by it
// per client address (derived from the trusted proxy hops, never from a client's header) and per account.
import { toNextJsHandler } from 'better-auth/next-js';
import { auth, authRequest } from '@/lib/auth';

const handler = toNextJsHandler(auth);

export const GET = (request: Request) => handler.GET(authRequest(request));
export const POST = (request: Request) => handler.POST(authRequest(request));
