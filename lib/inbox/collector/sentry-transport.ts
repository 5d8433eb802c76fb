// Local mode, server side: the Sentry SDK's transport that puts envelopes straight into the collector in this process
// instead of over HTTP to our own origin. No origin to guess (APP_URL, PORT, proxies), no request per envelope, and
// it works during startup before the server listens. Tracing is suppressed while storing, so storing an envelope
// never produces another one. sentry.server.config.ts picks it in local mode; product code never imports it.
import 'server-only';
import { createTransport, suppressTracing } from '@sentry/nextjs';
import type { BaseTransportOptions, Transport, TransportMakeRequestResponse, TransportRequest } from '@sentry/core';
import { LOCAL_SENTRY_PROJECT } from '@/lib/monitoring/shared/endpoints';

const PROJECT = LOCAL_SENTRY_PROJECT.server;

export function makeLocalCollectorTransport(options: BaseTransportOptions): Transport {
  return createTransport(options, async (request: TransportRequest): Promise<TransportMakeRequestResponse> =>
    suppressTracing(async () => {
      try {
        const { receiveEnvelope } = await import('./sentry-endpoint');
        const body = typeof request.body === 'string' ? new TextEncoder().encode(request.body) : request.body;
        const res = await receiveEnvelope(
          new Request(`http://collector.local/sentry/api/${PROJECT}/envelope/`, { method: 'POST', body: body as BodyInit }),
          { project: PROJECT },
        );
        return { statusCode: res.status };
      } catch (error) {
        const status = (error as { status?: unknown }).status;
        return { statusCode: typeof status === 'number' ? status : 500 };
      }
    }),
  );
}
