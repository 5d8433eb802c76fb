// GET/POST /api/auth/* — Better Auth's own endpoints (session, sign-in/up/out for API clients), rate limited by it.
import { toNextJsHandler } from 'better-auth/next-js';
import { auth } from '@/lib/auth';

export const { GET, POST } = toNextJsHandler(auth);
