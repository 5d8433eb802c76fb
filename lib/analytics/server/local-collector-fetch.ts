// Local mode's transport: posthog-node's request, answered by the local collector in this process — the exact
// bytes posthog-node would send (gzip and all), without knowing the server's own origin and without a loopback
// connection.
import 'server-only';
import type { PostHogOptions } from 'posthog-node';
import { AppError, errorResponse } from '@/lib/server/errors';

export const inProcessCollectorFetch: NonNullable<PostHogOptions['fetch']> = async (url, options) => {
  const { ingestHandler } = await import('@/lib/inbox/collector/posthog-endpoints');
  const path = new URL(url).pathname.replace(/^\/ingest\/?/, '').split('/').filter(Boolean);
  const request = new Request(url, {
    method: options.method,
    headers: options.headers,
    // posthog-node sends a string or gzip bytes; both are valid request bodies.
    body: options.body as unknown as BodyInit,
    signal: options.signal,
  });
  try {
    return await ingestHandler(options.method === 'GET' ? 'GET' : 'POST')(request, { path });
  } catch (error) {
    if (error instanceof AppError) return errorResponse(error);
    throw error;
  }
};
