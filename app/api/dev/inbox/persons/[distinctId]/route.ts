// GET /api/dev/inbox/persons/<distinct_id> — the merged person of a distinct id.
import { queryApiRoutes } from '@/lib/inbox/collector/query-api';

export const dynamic = 'force-dynamic';

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = queryApiRoutes['persons/[distinctId]'];
