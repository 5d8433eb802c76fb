// GET /api/dev/inbox — inbox counts and cursors (same as /stats); DELETE /api/dev/inbox — clears everything.
import { queryApiRoutes } from '@/lib/inbox/collector/query-api';

export const dynamic = 'force-dynamic';

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = queryApiRoutes[''];
