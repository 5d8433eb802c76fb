// Route handlers through the same wrapper as server actions: `params`, `query` and JSON `body` are merged into
// one input validated by the definition's zod schema; errors become `{ error: { code, message, … } }` with the
// matching status. Reads (GET) use it too so authz and error shapes are the same everywhere.
import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { STATUS } from './errors';
import { routeTemplate, type MutationAnalytics } from '@/lib/analytics/server/mutation-events';
import { runMutation, type AuthLevel, type MutationContext, type MutationDefinition } from './mutation';

type RouteContext = { params: Promise<Record<string, string | string[]>> };

async function readBody(req: NextRequest): Promise<unknown> {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'DELETE') return {};
  const text = await req.text();
  if (!text) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return Symbol.for('invalid-json');
  }
}

export function defineRoute<S extends z.ZodType, A extends AuthLevel, R>(
  def: MutationDefinition<S, A> & { status?: number },
  handler: (input: z.infer<S>, ctx: MutationContext<A>) => Promise<R>,
  // Required, after the handler so `result` is typed from it: what the route records (`false` for nothing).
  analytics: MutationAnalytics<z.infer<S>, R, MutationContext<A>>,
) {
  return async function route(req: NextRequest, context: RouteContext): Promise<Response> {
    const body = await readBody(req);
    if (body === Symbol.for('invalid-json')) {
      return NextResponse.json(
        { error: { code: 'validation', message: 'The request body is not valid JSON.' } },
        { status: STATUS.validation },
      );
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
    if (!result.ok) {
      const headers = result.error.retryAfter ? { 'retry-after': String(result.error.retryAfter) } : undefined;
      return NextResponse.json({ error: result.error }, { status: STATUS[result.error.code], headers });
    }
    if (result.data === undefined || result.data === null) return new NextResponse(null, { status: 204 });
    return NextResponse.json(result.data, { status: def.status ?? 200 });
  };
}
