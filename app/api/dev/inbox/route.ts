// GET /api/dev/inbox — inbox counts and cursors (same as /stats); DELETE /api/dev/inbox — clears everything.
import { inboxRoute } from '@/lib/inbox/collector/http';
import { deleteAll, getStats } from '@/lib/inbox/collector/query-api';

export const dynamic = 'force-dynamic';

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = inboxRoute({ GET: getStats, DELETE: deleteAll });
