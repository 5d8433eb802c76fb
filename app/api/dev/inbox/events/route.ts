// GET /api/dev/inbox/events — captured PostHog events, filtered by event, person (merged ids), session, time.
import { queryApiRoutes } from '@/lib/inbox/collector/query-api';

export const dynamic = 'force-dynamic';

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = queryApiRoutes['events'];
