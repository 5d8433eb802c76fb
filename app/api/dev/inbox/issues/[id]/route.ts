// GET /api/dev/inbox/issues/<id> — one issue with its events, newest first.
import { queryApiRoutes } from '@/lib/inbox/collector/query-api';

export const dynamic = 'force-dynamic';

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = queryApiRoutes['issues/[id]'];
