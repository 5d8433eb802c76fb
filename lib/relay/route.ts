// Route glue for the relays: an AppError becomes its structured answer; anything unexpected is a 502 (the relay
// failed, never the request), logged, and never thrown into Next. A <script> load (posthog-js's extensions and
// remote config) gets its error as a JavaScript comment: JSON under `nosniff` would make the browser log "Refused to
// execute script" on every page while PostHog is down.
import 'server-only';
import { AppError, errorResponse } from '@/lib/server/errors';

function errorFor(req: Request, error: AppError, headers?: HeadersInit): Response {
  const response = errorResponse(error, headers);
  if (req.headers.get('sec-fetch-dest') !== 'script') return response;
  response.headers.set('content-type', 'text/javascript; charset=utf-8');
  return new Response(`/* ${error.code} */`, { status: response.status, headers: response.headers });
}

export function relayRoute(handler: (req: Request) => Promise<Response>, allow: string): (req: Request) => Promise<Response> {
  return async (req) => {
    try {
      return await handler(req);
    } catch (error) {
      if (error instanceof AppError) return errorFor(req, error, error.code === 'method_not_allowed' ? { allow } : undefined);
      console.error('[relay] unexpected error', error);
      return errorFor(req, new AppError('upstream_unreachable', 'The relay failed to handle this request.'));
    }
  };
}
