// The Sentry tunnel outside local mode: the browser SDK posts envelopes to Orbit (`tunnel`), which relays each one
// to the configured DSN's envelope endpoint, whatever the host (sentry.io, self-hosted, GlitchTip, a relay). The
// destination comes from configuration only: the envelope header's `dsn` must name the configured host and project,
// and no query parameter can choose another organisation or project.
import 'server-only';
import { z } from 'zod';
import { readBoundedBody } from '@/lib/server/bounded-body';
import { AppError } from '@/lib/server/errors';
import { relayOrStore } from './durable';

/** The browser SDK's envelopes (errors, spans) are small; Orbit sends no Sentry replays or attachments. */
const TUNNEL_MAX_BODY_BYTES = 1024 * 1024;
/** The envelope header is one JSON line; a longer first line is not an envelope. */
const MAX_HEADER_BYTES = 16 * 1024;

type ParsedDsn = { protocol: string; host: string; pathPrefix: string; projectId: string; publicKey: string };

/** `protocol://publicKey@host[:port]/[path/]projectId`, or null. */
function parseDsn(dsn: string): ParsedDsn | null {
  let url: URL;
  try {
    url = new URL(dsn);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const segments = url.pathname.split('/').filter(Boolean);
  const projectId = segments.pop();
  if (!url.username || !projectId || !/^\d+$/.test(projectId)) return null;
  const prefix = segments.length ? `/${segments.join('/')}` : '';
  return { protocol: url.protocol, host: url.host, pathPrefix: prefix, projectId, publicKey: decodeURIComponent(url.username) };
}

/** The configured DSN's envelope endpoint, authenticated by its public key (as the SDK itself would post). */
function envelopeEndpoint(dsn: ParsedDsn): URL {
  const url = new URL(`${dsn.protocol}//${dsn.host}${dsn.pathPrefix}/api/${dsn.projectId}/envelope/`);
  url.searchParams.set('sentry_key', dsn.publicKey);
  url.searchParams.set('sentry_version', '7');
  return url;
}

/** The configured DSN's envelope endpoint (where stored envelopes go), or null without a valid DSN. */
export function configuredEnvelopeEndpoint(dsn: string | undefined): URL | null {
  const parsed = dsn ? parseDsn(dsn) : null;
  return parsed ? envelopeEndpoint(parsed) : null;
}

const envelopeHeader = z.object({ dsn: z.string().min(1).max(2048) });

/** The `dsn` the envelope's first line names; AppError 400 when there is none. */
function envelopeDsn(body: Uint8Array): ParsedDsn {
  const end = body.subarray(0, MAX_HEADER_BYTES).indexOf(0x0a);
  const headerBytes = end === -1 ? (body.length <= MAX_HEADER_BYTES ? body : null) : body.subarray(0, end);
  if (!headerBytes) throw new AppError('validation', 'Not a Sentry envelope: no header line.');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(headerBytes));
  } catch {
    throw new AppError('validation', 'Not a Sentry envelope: the header line is not JSON.');
  }
  const header = envelopeHeader.safeParse(json);
  if (!header.success) throw new AppError('validation', 'The envelope header names no dsn.');
  const dsn = parseDsn(header.data.dsn);
  if (!dsn) throw new AppError('validation', 'The envelope header names an invalid dsn.');
  return dsn;
}

export type TunnelConfig = { dsn?: string; timeoutMs?: number; maxBodyBytes?: number };

/** Relays one envelope to the configured DSN; throws AppError (4xx for bad input, 502/504 for the upstream). */
export async function tunnelEnvelope(req: Request, config: TunnelConfig): Promise<Response> {
  const configured = config.dsn ? parseDsn(config.dsn) : null;
  if (!configured) throw new AppError('not_found', 'Not found.');
  if (req.method.toUpperCase() !== 'POST') throw new AppError('method_not_allowed', `${req.method} is not allowed here (allowed: POST).`);
  const encoding = req.headers.get('content-encoding');
  if (encoding && encoding !== 'identity') {
    throw new AppError('unsupported_media_type', `Content-Encoding ${encoding} is not accepted: the envelope header must be readable.`);
  }
  const body = await readBoundedBody(req, config.maxBodyBytes ?? TUNNEL_MAX_BODY_BYTES);
  const dsn = envelopeDsn(body);
  if (dsn.host !== configured.host || dsn.projectId !== configured.projectId || dsn.pathPrefix !== configured.pathPrefix) {
    throw new AppError('forbidden_destination', 'The envelope is for a Sentry project this deployment does not report to.');
  }
  const headers = new Headers({ 'content-type': 'application/x-sentry-envelope' });
  const ua = req.headers.get('user-agent');
  if (ua) headers.set('user-agent', ua);
  // Kept when Sentry cannot take it (durable.ts); the SDK gets what Sentry answers an accepted envelope.
  return relayOrStore(req, envelopeEndpoint(configured), { method: 'POST', body, headers, timeoutMs: config.timeoutMs }, { destination: 'sentry', path: '', accepted: () => Response.json({}) });
}
