// Route handlers through the same wrapper as server actions: `params`, `query` and JSON `body` are merged into
// one input validated by the definition's zod schema; every refusal is answered by errorResponse()
// (lib/server/errors.ts). Reads (GET) use it too so authz and error shapes are the same everywhere.
// A state-changing request must come from Orbit's own origin (403) and carry JSON (415): no form on another site
// can send either (lib/security/same-origin.ts).
import 'server-only';
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { API_MAX_BODY_BYTES, readBoundedText } from './bounded-body';
import { AppError, badRequest, errorResponse } from './errors';
import { crossOriginRefusal, isJsonContentType, isSafeMethod } from '@/lib/security/same-origin';
import { routeTemplate, type MutationAnalytics } from '@/lib/analytics/server/mutation-events';
import { runMutation, type MutationContext, type MutationDefinition, type VisitorAuthLevel } from './mutation';

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/** The JSON body, read with a byte limit before anything parses it (an oversized body is never buffered: 413). */
async function readBody(req: NextRequest): Promise<unknown> {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'DELETE') return {};
  const text = await readBoundedText(req, API_MAX_BODY_BYTES);
  if (!text) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
}

/** A state-changing request from another origin (403), or with a body not declared as JSON (415); else null. */
function forgeryRefusal(req: NextRequest): AppError | null {
  if (isSafeMethod(req.method)) return null;
  const crossOrigin = crossOriginRefusal(req);
  if (crossOrigin) return new AppError('forbidden', crossOrigin);
  // DELETE carries no body (readBody ignores it) and may omit the type; a type it declares must still be JSON.
  const type = req.headers.get('content-type');
  if ((req.method !== 'DELETE' || type !== null) && !isJsonContentType(type)) {
    return new AppError('unsupported_media_type', 'The request body must be JSON (Content-Type: application/json).');
  }
  return null;
}

export function defineRoute<S extends z.ZodType, A extends VisitorAuthLevel, R>(
  def: MutationDefinition<S, A> & { status?: number },
  handler: (input: z.infer<S>, ctx: MutationContext<A>) => Promise<R>,
  // Required, after the handler so `result` is typed from it: what the route records (`false` for nothing).
  analytics: MutationAnalytics<z.infer<S>, R, MutationContext<A>>,
) {
  return async function route(req: NextRequest, context: RouteContext): Promise<Response> {
    const refused = forgeryRefusal(req);
    if (refused) return errorResponse(refused);
    let body: unknown;
    try {
      body = await readBody(req);
    } catch (error) {
      if (error instanceof AppError) return errorResponse(error);
      throw error;
    }
    const params = context?.params ? await context.params : {};
    const query = Object.fromEntries(req.nextUrl.searchParams.entries());
    const input = { ...query, ...(body as Record<string, unknown>), ...params };
    const result = await runMutation(def, input, handler, {
      analytics,
      // The route template (`/api/projects/[id]`), never the concrete URL: ids stay out of `api.request`.
      request: { endpoint: routeTemplate(req.nextUrl.pathname, params), method: req.method },
      successStatus: (data) => (data === undefined || data === null ? 204 : (def.status ?? 200)),
    });
    if (!result.ok) return errorResponse(result.error);
    if (result.data === undefined || result.data === null) return new Response(null, { status: 204 });
    return Response.json(result.data, { status: def.status ?? 200 });
  };
}
