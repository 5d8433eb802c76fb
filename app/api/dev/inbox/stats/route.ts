// GET /api/dev/inbox/stats — row counts per inbox table, caps, and the newest ids (cursors for live views).
import { queryApiRoutes } from '@/lib/inbox/collector/query-api';

export const dynamic = 'force-dynamic';

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = queryApiRoutes['stats'];
