// GET /api/dev/inbox/stats — row counts per inbox table, caps, and the newest ids (cursors for live views).
import { inboxRoute } from '@/lib/inbox/collector/http';
import { getStats } from '@/lib/inbox/collector/query-api';

export const dynamic = 'force-dynamic';

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = inboxRoute({ GET: getStats });
