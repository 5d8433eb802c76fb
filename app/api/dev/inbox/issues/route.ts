// GET /api/dev/inbox/issues — Sentry error events grouped by fingerprint, the most recently seen first.
import { inboxRoute } from '@/lib/collector/http';
import { getIssues } from '@/lib/collector/issues-api';

export const dynamic = 'force-dynamic';

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = inboxRoute({ GET: getIssues });
