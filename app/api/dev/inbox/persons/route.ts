// GET /api/dev/inbox/persons — the most recently updated persons with their ids, properties and groups.
import { inboxRoute } from '@/lib/collector/http';
import { getPersons } from '@/lib/collector/query-api';

export const dynamic = 'force-dynamic';

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = inboxRoute({ GET: getPersons });
