// The HTTP edge shared by every collector and inbox route: local-mode guard (404 otherwise), same-origin guard (403),
// method table (405), bounded body reading (413); every refusal is the app's AppError, answered by errorResponse()
// (lib/server/errors.ts).
// No CORS: the browser SDKs post to their own origin and the inbox UI is served from it, so no other site needs
// (or gets) access to what the inbox holds. Command-line tools send no Origin and are unaffected.
import 'server-only';
import { z } from 'zod';
import { env, localInbox } from '@/lib/env';
import { readBoundedBody } from '@/lib/server/bounded-body';
import { AppError, badRequest, errorResponse, internalError } from '@/lib/server/errors';

export { badRequest, errorResponse };

export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Params = Record<string, string | string[] | undefined>;
type RouteContext = { params: Promise<Params> };
export type Handler = (req: Request, params: Params) => Promise<Response>;
type RouteHandler = (req: Request, context?: RouteContext) => Promise<Response>;

const LOOPBACK_HOST = /^(localhost|[^.:]+\.localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?$/i;

function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * Why a request must be refused, or null. A browser tells where a request comes from (Sec-Fetch-Site, Origin): only
 * this origin's own pages get through. The inbox API also checks the Host it was reached by (loopback or APP_URL),
 * so a site that rebinds its DNS name to 127.0.0.1 is not "same origin" with the inbox either.
 */
export function crossOriginRefusal(req: Request): string | null {
  const site = req.headers.get('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') return 'Cross-origin requests are refused: open the inbox from this server.';
  const host = req.headers.get('host')?.toLowerCase() ?? hostOf(req.url);
  const origin = req.headers.get('origin');
  if (origin !== null && hostOf(origin) !== host) return 'Cross-origin requests are refused: open the inbox from this server.';
  if (new URL(req.url).pathname.startsWith('/api/dev/') && host && !LOOPBACK_HOST.test(host) && host !== hostOf(env.APP_URL)) {
    return `The inbox API answers on loopback or APP_URL only, not on ${host}.`;
  }
  return null;
}

function withHeaders(res: Response, headers: Record<string, string>): Response {
  for (const [k, v] of Object.entries(headers)) if (!res.headers.has(k)) res.headers.set(k, v);
  return res;
}

// The answer depends on who asks: caches must not hand a same-origin answer to another origin.
const VARY = { vary: 'origin, sec-fetch-site' };

const ALL_METHODS: Method[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Route exports for a collector or inbox path: `export const { GET, POST, … } = inboxRoute({ POST: handler })`.
 * Every method is exported so that outside local mode each answers 404, not Next's 405.
 */
export function inboxRoute(handlers: Partial<Record<Method, Handler>>): Record<Method | 'OPTIONS', RouteHandler> {
  const allow = [...Object.keys(handlers), 'OPTIONS'].join(', ');
  const run =
    (method: Method | 'OPTIONS'): RouteHandler =>
    async (req, context) => {
      if (!localInbox) return errorResponse(new AppError('not_found', 'Not found.'));
      const refusal = crossOriginRefusal(req);
      if (refusal) return errorResponse(new AppError('forbidden', refusal), VARY);
      if (method === 'OPTIONS') return new Response(null, { status: 204, headers: { ...VARY, allow } });
      const handler = handlers[method];
      if (!handler) {
        return errorResponse(new AppError('method_not_allowed', `${method} is not allowed here (allowed: ${allow}).`), {
          ...VARY,
          allow,
        });
      }
      try {
        const params = context?.params ? await context.params : {};
        return withHeaders(await handler(req, params), VARY);
      } catch (error) {
        if (error instanceof AppError) return errorResponse(error, VARY);
        if (error instanceof z.ZodError) return errorResponse(badRequest(zodMessage(error)), VARY);
        console.error('[collector] unexpected error', error);
        return errorResponse(internalError('The collector failed to handle this request.'), VARY);
      }
    };
  return Object.fromEntries([...ALL_METHODS, 'OPTIONS'].map((m) => [m, run(m as Method)])) as Record<
    Method | 'OPTIONS',
    RouteHandler
  >;
}

export function zodMessage(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** Parses URL query parameters with a zod schema; a bad value is a 400 naming the parameter. */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const query = Object.fromEntries(new URL(req.url).searchParams.entries());
  const result = schema.safeParse(query);
  if (!result.success) throw badRequest(`Invalid query: ${zodMessage(result.error)}`);
  return result.data;
}

/** The request body as bytes, refusing (413) anything over INBOX_MAX_BODY_BYTES before buffering it. */
export function readBody(req: Request): Promise<Uint8Array> {
  return readBoundedBody(req, env.INBOX_MAX_BODY_BYTES, 'INBOX_MAX_BODY_BYTES');
}
