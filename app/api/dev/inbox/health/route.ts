// GET /api/dev/inbox/health — event-health findings, newest first, with counts per rule and per event.
import { queryApiRoutes } from '@/lib/inbox/collector/query-api';

export const dynamic = 'force-dynamic';

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = queryApiRoutes['health'];
