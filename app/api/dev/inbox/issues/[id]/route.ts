// GET /api/dev/inbox/issues/<id> — one issue with its events, newest first.
import { inboxRoute } from '@/lib/collector/http';
import { getIssueById } from '@/lib/collector/issues-api';

export const dynamic = 'force-dynamic';

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = inboxRoute({ GET: getIssueById });
