// GET /api/dev/inbox — inbox counts and cursors (same as /stats); DELETE /api/dev/inbox — clears everything.
import { inboxRoute } from '@/lib/collector/http';
import { deleteAll, getStats } from '@/lib/collector/query-api';

export const dynamic = 'force-dynamic';

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = inboxRoute({ GET: getStats, DELETE: deleteAll });
