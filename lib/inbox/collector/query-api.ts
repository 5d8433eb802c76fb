// Handlers of the inbox query API (/api/dev/inbox/*): query parameters validated with zod (400 with the reason),
// results as JSON. The contract is documented in docs/local-inbox.md.
import 'server-only';
import { z } from 'zod';
import { isStorableText, pathSegment } from '@/lib/server/path-segment';
import { AppError } from '@/lib/server/errors';
import { HEALTH_RULE_NAMES } from './health';
import { healthReport, registerSecrets } from './health-query';
import { badRequest, inboxRoute, parseQuery, readBody, zodMessage, type Params } from './http';
import { getIssueById, getIssues } from './issues-api';
import {
  getPerson,
  getRecording,
  getSentryItem,
  inboxStats,
  listEvents,
  listPersons,
  listRecordings,
  listSentryItems,
} from './query';
import { clearInbox } from './store';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

const limit = z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT);
const order = z.enum(['asc', 'desc']).default('asc');
/** A text filter compared in SQL: storable text only (a NUL would be a database error, not a miss). */
const text = z.string().min(1).max(500).refine(isStorableText, 'Must not contain NUL or malformed Unicode.').optional();
const cursor = z.coerce.number().int().min(0).optional();
/** ISO 8601 or epoch milliseconds. */
const since = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === '') return undefined;
    const d = /^\d+$/.test(v) ? new Date(Number(v)) : new Date(v);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'expected an ISO date or epoch milliseconds' });
      return z.NEVER;
    }
    return d;
  });

/** A Sentry item's id in a path: a positive integer small enough to be exact in JS and to fit the bigint column. */
export const sentryItemId = z.string().regex(/^[1-9]\d{0,14}$/, 'The item id is a positive integer.').transform(Number);

const eventsSchema = z.object({
  event: text,
  distinct_id: text,
  session_id: text,
  since,
  after: cursor,
  source: z.enum(['web', 'server']).optional(),
  limit,
  order,
});

const sentrySchema = z.object({
  type: text,
  trace_id: text,
  event_id: text,
  project: text,
  after: cursor,
  limit,
  order,
});

/**
 * A path parameter as Next hands it over (already percent-decoded once, so never decoded again), parsed by
 * `schema`: a missing, NUL-holding or oversized one is a 400 naming the parameter.
 */
function param<S extends z.ZodType<unknown, string>>(params: Params, key: string, schema: S): z.infer<S> {
  const result = schema.safeParse(params[key]);
  if (!result.success) throw new AppError('validation', `Invalid ${key}: ${zodMessage(result.error)}`);
  return result.data;
}

async function getEvents(req: Request): Promise<Response> {
  return Response.json({ events: await listEvents(parseQuery(req, eventsSchema)) });
}

async function getPersonByDistinctId(_req: Request, params: Params): Promise<Response> {
  const person = await getPerson(param(params, 'distinctId', pathSegment()));
  if (!person) throw new AppError('not_found', 'No person or event with this distinct id.');
  return Response.json(person);
}

async function getPersons(req: Request): Promise<Response> {
  return Response.json({ persons: await listPersons(parseQuery(req, z.object({ limit }))) });
}

async function getRecordings(req: Request): Promise<Response> {
  return Response.json({ recordings: await listRecordings(parseQuery(req, z.object({ distinct_id: text, limit }))) });
}

async function getRecordingBySessionId(req: Request, params: Params): Promise<Response> {
  const { window_id } = parseQuery(req, z.object({ window_id: text }));
  const recording = await getRecording(param(params, 'sessionId', pathSegment()), window_id);
  if (!recording) throw new AppError('not_found', 'No recording for this session id.');
  return Response.json(recording);
}

async function getSentry(req: Request): Promise<Response> {
  return Response.json({ items: await listSentryItems(parseQuery(req, sentrySchema)) });
}

async function getSentryById(_req: Request, params: Params): Promise<Response> {
  const item = await getSentryItem(param(params, 'id', sentryItemId));
  if (!item) throw new AppError('not_found', 'No Sentry item with this id.');
  return Response.json(item);
}

const healthRule = z.enum(HEALTH_RULE_NAMES);
const healthSchema = z.object({
  rule: healthRule.optional(),
  event: text,
  severity: z.enum(['warn', 'error']).optional(),
  distinct_id: text,
  session_id: text,
  event_id: cursor,
  since,
  after: cursor,
  limit,
});

async function getHealth(req: Request): Promise<Response> {
  return Response.json(await healthReport(parseQuery(req, healthSchema)));
}

async function getHealthByRule(req: Request, params: Params): Promise<Response> {
  const rule = healthRule.safeParse(params.rule);
  if (!rule.success) throw new AppError('not_found', `No event-health rule by this name (rules: ${HEALTH_RULE_NAMES.join(', ')}).`);
  const query = parseQuery(req, healthSchema.omit({ rule: true }));
  return Response.json(await healthReport({ ...query, rule: rule.data }));
}

/** A secret worth looking for: long enough not to match by chance, storable text. */
const secretsBody = z.strictObject({
  secrets: z
    .array(z.string().min(4).max(500).refine(isStorableText, 'Must not contain NUL or malformed Unicode.'))
    .min(1)
    .max(100),
});

async function postHealthSecrets(req: Request): Promise<Response> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(await readBody(req)));
  } catch {
    throw badRequest('The body must be JSON: { "secrets": ["…"] }.');
  }
  const body = secretsBody.safeParse(json);
  if (!body.success) throw badRequest(`Invalid body: ${zodMessage(body.error)}`);
  await registerSecrets(body.data.secrets);
  return new Response(null, { status: 204 });
}

async function getStats(): Promise<Response> {
  return Response.json(await inboxStats());
}

async function deleteAll(): Promise<Response> {
  await clearInbox();
  return new Response(null, { status: 204 });
}

/**
 * What answers each path under /api/dev/inbox: every route file there only re-exports its entry, so the whole API
 * reads in one place, next to its handlers.
 */
export const queryApiRoutes = {
  '': inboxRoute({ GET: getStats, DELETE: deleteAll }),
  stats: inboxRoute({ GET: getStats }),
  events: inboxRoute({ GET: getEvents }),
  persons: inboxRoute({ GET: getPersons }),
  'persons/[distinctId]': inboxRoute({ GET: getPersonByDistinctId }),
  recordings: inboxRoute({ GET: getRecordings }),
  'recordings/[sessionId]': inboxRoute({ GET: getRecordingBySessionId }),
  sentry: inboxRoute({ GET: getSentry }),
  'sentry/[id]': inboxRoute({ GET: getSentryById }),
  issues: inboxRoute({ GET: getIssues }),
  'issues/[id]': inboxRoute({ GET: getIssueById }),
  health: inboxRoute({ GET: getHealth }),
  'health/[rule]': inboxRoute({ GET: getHealthByRule }),
  'health/secrets': inboxRoute({ POST: postHealthSecrets }),
};
