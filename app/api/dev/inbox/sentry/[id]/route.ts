// GET /api/dev/inbox/sentry/<id> — one Sentry item with its headers and raw bytes (base64).
import { queryApiRoutes } from '@/lib/inbox/collector/query-api';

export const dynamic = 'force-dynamic';

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = queryApiRoutes['sentry/[id]'];
