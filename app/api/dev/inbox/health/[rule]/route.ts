// GET /api/dev/inbox/health/<rule> — the findings of one event-health rule (404 for a name that is none).
import { queryApiRoutes } from '@/lib/inbox/collector/query-api';

export const dynamic = 'force-dynamic';

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = queryApiRoutes['health/[rule]'];
