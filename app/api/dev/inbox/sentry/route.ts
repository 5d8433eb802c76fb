// GET /api/dev/inbox/sentry — stored Sentry envelope items, filtered by type, trace, event id, project.
import { inboxRoute } from '@/lib/collector/http';
import { getSentry } from '@/lib/collector/query-api';

export const dynamic = 'force-dynamic';

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = inboxRoute({ GET: getSentry });
