// GET /api/dev/inbox/issues — Sentry error events grouped by fingerprint, the most recently seen first.
import { queryApiRoutes } from '@/lib/inbox/collector/query-api';

export const dynamic = 'force-dynamic';

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = queryApiRoutes['issues'];
