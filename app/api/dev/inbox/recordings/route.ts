// GET /api/dev/inbox/recordings — recorded sessions (newest first) with their time span and snapshot count.
import { queryApiRoutes } from '@/lib/inbox/collector/query-api';

export const dynamic = 'force-dynamic';

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = queryApiRoutes['recordings'];
