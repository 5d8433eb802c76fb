// The PostHog side of the collector, under /ingest like the production reverse proxy: capture endpoints, flags,
// remote config and posthog-js's own lazy-loaded scripts served from the installed package.
import 'server-only';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { suppressTracing } from '@sentry/nextjs';
import { z } from 'zod';
import { pathSegment } from '@/lib/server/path-segment';
import { decompressionBudget, type DecompressionBudget } from './decode';
import { flagDefinitions } from './flag-definitions';
import { AppError } from '@/lib/server/errors';
import { badRequest, readBody, type Params } from './http';
import { decodePosthogBody, extractEvents } from './posthog-decode';
import { flagsResponseLegacy, flagsResponseV2, remoteConfig, remoteConfigScript } from './remote-config';
import { storeCapture } from './store';

const CAPTURE_PATHS = new Set(['e', 'i/v0/e', 'batch', 'capture', 'track', 's', 'engage']);
const POSTHOG_DIST = path.join(process.cwd(), 'node_modules', 'posthog-js', 'dist');

/** The segments after /ingest/, each storable text (a NUL or a lone surrogate is a 400, not a lookup). */
const ingestPath = z.array(pathSegment()).max(8);

function segments(params: Params): string[] {
  const raw = params.path;
  const parsed = ingestPath.safeParse((Array.isArray(raw) ? raw : raw ? [raw] : []).filter(Boolean));
  if (!parsed.success) throw badRequest('The /ingest path is invalid.');
  return parsed.data;
}

function refuseMultipart(req: Request): void {
  const type = req.headers.get('content-type')?.toLowerCase() ?? '';
  if (type.startsWith('multipart/')) {
    throw new AppError('unsupported_media_type', 'multipart bodies are not a PostHog encoding; send JSON, gzip or data=.');
  }
}

async function decoded(req: Request, budget: DecompressionBudget): Promise<unknown> {
  refuseMultipart(req);
  const body = await readBody(req);
  return decodePosthogBody(
    { url: req.url, contentType: req.headers.get('content-type'), contentEncoding: req.headers.get('content-encoding'), body },
    budget,
  );
}

async function capture(req: Request): Promise<Response> {
  // One budget for the body's layers and the recordings inside it.
  const budget = decompressionBudget();
  const batch = extractEvents(await decoded(req, budget));
  await storeCapture(batch, new Date(), budget);
  // PostHog's capture answer; the SDKs only look at the status code.
  return Response.json({ status: 1 });
}

const flagsRequestSchema = z
  .object({ distinct_id: z.union([z.string().min(1), z.number()]).transform(String) })
  .loose();

async function flags(req: Request, kind: 'flags' | 'decide'): Promise<Response> {
  const body = flagsRequestSchema.safeParse(await decoded(req, decompressionBudget()));
  if (!body.success) throw badRequest('A flags request needs a distinct_id.');
  const url = new URL(req.url);
  const v = Number(url.searchParams.get('v') ?? (kind === 'flags' ? 1 : 3));
  const v2 = kind === 'flags' ? v >= 2 : v >= 4;
  const token = typeof body.data.token === 'string' ? body.data.token : 'local';
  const flagsPart = v2 ? flagsResponseV2(body.data.distinct_id) : flagsResponseLegacy(body.data.distinct_id);
  // /decide and `config=true` also carried the remote config.
  const withConfig = kind === 'decide' || url.searchParams.get('config') === 'true';
  return Response.json(withConfig ? { ...remoteConfig(token), config: { enable_collect_everything: true }, ...flagsPart } : flagsPart);
}

const TOKEN = /^[\w-]{1,200}$/;
const ASSET = /^[\w.-]+\.js(\.map)?$/;

async function staticAsset(rest: string[]): Promise<Response> {
  // `/static/<file>.js?v=…` and the versioned `/static/<version>/<file>.js` both serve the installed build.
  const file = rest.length === 2 && /^\d+\.\d+\.\d+/.test(rest[0]!) ? rest[1] : rest.length === 1 ? rest[0] : undefined;
  if (!file || !ASSET.test(file)) throw new AppError('not_found', 'No such posthog-js asset.');
  const full = path.join(POSTHOG_DIST, file);
  if (!existsSync(full)) throw new AppError('not_found', `posthog-js has no ${file}.`);
  return new Response(await readFile(full), {
    headers: {
      'content-type': file.endsWith('.map') ? 'application/json' : 'application/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300',
    },
  });
}

type Route = { method: 'GET' | 'POST'; run: (req: Request) => Promise<Response> };

function route(parts: string[]): Route[] {
  const p = parts.join('/');
  if (CAPTURE_PATHS.has(p)) return [{ method: 'POST', run: capture }];
  if (p === 'flags' || p === 'decide') return [{ method: 'POST', run: (req) => flags(req, p) }];
  if (p === 'flags/definitions' || p === 'api/feature_flag/local_evaluation') return [{ method: 'GET', run: flagDefinitions }];
  if (parts[0] === 'array' && parts.length === 3 && TOKEN.test(parts[1]!)) {
    const token = parts[1]!;
    if (parts[2] === 'config') return [{ method: 'GET', run: async () => Response.json(remoteConfig(token)) }];
    if (parts[2] === 'config.js') {
      const js = async () =>
        new Response(remoteConfigScript(token), { headers: { 'content-type': 'application/javascript; charset=utf-8' } });
      return [{ method: 'GET', run: js }];
    }
  }
  if (parts[0] === 'static' && parts.length > 1) return [{ method: 'GET', run: () => staticAsset(parts.slice(1)) }];
  return [];
}

/** Dispatches /ingest/<path> by path and method: unknown path 404, known path with another method 405. */
export function ingestHandler(method: 'GET' | 'POST') {
  return async (req: Request, params: Params): Promise<Response> => {
    const parts = segments(params);
    const routes = route(parts);
    if (!routes.length) throw new AppError('not_found', `No PostHog endpoint at /ingest/${parts.join('/')}.`);
    const match = routes.find((r) => r.method === method);
    if (!match) throw new AppError('method_not_allowed', `Use ${routes.map((r) => r.method).join(' or ')} here.`);
    // posthog-node's batches arrive in-process, inside the request that captured the event: storing them is no
    // part of that request's trace.
    return suppressTracing(() => match.run(req));
  };
}
