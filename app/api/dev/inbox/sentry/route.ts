// GET /api/dev/inbox/sentry — stored Sentry envelope items, filtered by type, trace, event id, project.
import { inboxRoute } from '@/lib/inbox/collector/http';
import { getSentry } from '@/lib/inbox/collector/query-api';

export const dynamic = 'force-dynamic';

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = inboxRoute({ GET: getSentry });
