// GET|POST /ingest/* — local mode: the local PostHog collector (capture, recordings, flags, remote config, SDK
// assets). Otherwise: the proxy to the configured PostHog host (lib/relay/posthog-proxy.ts; 404 without a key).
import { inboxRoute, type Method } from '@/lib/inbox/collector/http';
import { ingestHandler } from '@/lib/inbox/collector/posthog-endpoints';
import { env, localInbox } from '@/lib/env';
import { proxyIngest } from '@/lib/relay/posthog-proxy';
import { relayRoute } from '@/lib/relay/route';

export const dynamic = 'force-dynamic';

const collector = inboxRoute({
  GET: ingestHandler('GET'),
  POST: ingestHandler('POST'),
});

const proxy = relayRoute((req) => proxyIngest(req, { key: env.NEXT_PUBLIC_POSTHOG_KEY, host: env.NEXT_PUBLIC_POSTHOG_HOST, clientIp: env.POSTHOG_CLIENT_IP }), 'GET, HEAD, POST');

const route = (method: Method | 'OPTIONS') => (localInbox ? collector[method] : proxy);

export const GET = route('GET');
export const HEAD = route('HEAD');
export const POST = route('POST');
export const PUT = route('PUT');
export const PATCH = route('PATCH');
export const DELETE = route('DELETE');
export const OPTIONS = route('OPTIONS');
