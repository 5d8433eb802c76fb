// GET /api/dev/inbox/sentry — stored Sentry envelope items, filtered by type, trace, event id, project.
import { queryApiRoutes } from '@/lib/inbox/collector/query-api';

export const dynamic = 'force-dynamic';

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = queryApiRoutes['sentry'];
