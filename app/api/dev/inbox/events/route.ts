// GET /api/dev/inbox/events — captured PostHog events, filtered by event, person (merged ids), session, time.
import { inboxRoute } from '@/lib/inbox/collector/http';
import { getEvents } from '@/lib/inbox/collector/query-api';

export const dynamic = 'force-dynamic';

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = inboxRoute({ GET: getEvents });
