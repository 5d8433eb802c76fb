// The Sentry side of the collector: a local DSN `http://<key>@<origin>/sentry/<project>` makes every Sentry SDK
// post envelopes to /sentry/api/<project>/envelope/.
import 'server-only';
import { z } from 'zod';
import { decodeContentEncoding, decompressionBudget } from './decode';
import { badRequest, readBody, type Params } from './http';
import { envelopeRows, parseEnvelope } from './sentry-envelope';
import { storeSentryRows } from './store';

/** The project id of the DSN path (`/sentry/api/<project>/envelope/`). */
const projectSegment = z.string().regex(/^[\w-]{1,100}$/);

export async function receiveEnvelope(req: Request, params: Params): Promise<Response> {
  const parsed = projectSegment.safeParse(params.project);
  if (!parsed.success) throw badRequest('The project id in the DSN path is invalid.');
  const project = parsed.data;
  // One budget for the body and every replay item in it.
  const budget = decompressionBudget();
  const body = decodeContentEncoding(await readBody(req), req.headers.get('content-encoding'), budget);
  const envelope = parseEnvelope(body);
  await storeSentryRows(project, envelope.header, envelopeRows(envelope, budget));
  // Relay answers the envelope's event id, if any.
  const id = typeof envelope.header.event_id === 'string' ? envelope.header.event_id : undefined;
  return Response.json(id ? { id } : {});
}
