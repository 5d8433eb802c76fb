// GET /api/dev/inbox/recordings/<session_id> — the decompressed rrweb events of a session, in time order.
import { queryApiRoutes } from '@/lib/inbox/collector/query-api';

export const dynamic = 'force-dynamic';

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = queryApiRoutes['recordings/[sessionId]'];
