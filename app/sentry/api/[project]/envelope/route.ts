// POST /sentry/api/<project>/envelope/ — the local Sentry collector: stores every envelope item; 404 outside local mode.
import { inboxRoute } from '@/lib/inbox/collector/http';
import { receiveEnvelope } from '@/lib/inbox/collector/sentry-endpoint';

export const dynamic = 'force-dynamic';

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = inboxRoute({ POST: receiveEnvelope });
