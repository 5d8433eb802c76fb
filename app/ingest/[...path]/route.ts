// GET|POST /ingest/* — the local PostHog collector (capture, recordings, flags, remote config, SDK assets); 404 outside local mode.
import { inboxRoute } from '@/lib/collector/http';
import { ingestHandler } from '@/lib/collector/posthog-endpoints';

export const dynamic = 'force-dynamic';

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = inboxRoute({
  GET: ingestHandler('GET'),
  POST: ingestHandler('POST'),
});
