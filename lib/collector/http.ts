// The HTTP edge shared by every collector and inbox route: local-mode guard (404 otherwise), method table (405),
// permissive CORS for local tools, bounded body reading (413) and one error shape `{ error: { code, message } }`.
import 'server-only';
import { z } from 'zod';
import { env, localInbox } from '@/lib/env';
import { BodyTooLargeError, readBoundedBody } from '@/lib/server/bounded-body';

export type CollectorErrorCode =
  | 'validation'
  | 'not_found'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'internal';

const STATUS: Record<CollectorErrorCode, number> = {
  validation: 400,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  internal: 500,
};

export class CollectorError extends Error {
  constructor(
    readonly code: CollectorErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CollectorError';
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export const badRequest = (message: string) => new CollectorError('validation', message);

export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Params = Record<string, string | string[] | undefined>;
type RouteContext = { params: Promise<Params> };
export type Handler = (req: Request, params: Params) => Promise<Response>;
type RouteHandler = (req: Request, context?: RouteContext) => Promise<Response>;

function corsHeaders(req: Request): Record<string, string> {
  const origin = req.headers.get('origin');
  return {
    'access-control-allow-origin': origin ?? '*',
    'access-control-allow-methods': 'GET, HEAD, POST, DELETE, OPTIONS',
    'access-control-allow-headers': req.headers.get('access-control-request-headers') ?? '*',
    'access-control-allow-credentials': 'true',
    'access-control-max-age': '86400',
    vary: 'origin',
  };
}

export function errorResponse(error: CollectorError, extra?: HeadersInit): Response {
  return Response.json({ error: { code: error.code, message: error.message } }, { status: error.status, headers: extra });
}

function withHeaders(res: Response, headers: Record<string, string>): Response {
  for (const [k, v] of Object.entries(headers)) if (!res.headers.has(k)) res.headers.set(k, v);
  return res;
}

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
      if (!localInbox) return errorResponse(new CollectorError('not_found', 'Not found.'));
      const cors = corsHeaders(req);
      if (method === 'OPTIONS') return new Response(null, { status: 204, headers: { ...cors, allow } });
      const handler = handlers[method];
      if (!handler) {
        return errorResponse(new CollectorError('method_not_allowed', `${method} is not allowed here (allowed: ${allow}).`), {
          ...cors,
          allow,
        });
      }
      try {
        const params = context?.params ? await context.params : {};
        return withHeaders(await handler(req, params), cors);
      } catch (error) {
        if (error instanceof CollectorError) return errorResponse(error, cors);
        if (error instanceof z.ZodError) return errorResponse(badRequest(zodMessage(error)), cors);
        console.error('[collector] unexpected error', error);
        return errorResponse(new CollectorError('internal', 'The collector failed to handle this request.'), cors);
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
export async function readBody(req: Request, limit = env.INBOX_MAX_BODY_BYTES): Promise<Uint8Array> {
  try {
    return await readBoundedBody(req, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw tooLarge(limit);
    throw error;
  }
}

export const tooLarge = (limit: number) =>
  new CollectorError('payload_too_large', `The body is larger than ${limit} bytes (INBOX_MAX_BODY_BYTES).`);
