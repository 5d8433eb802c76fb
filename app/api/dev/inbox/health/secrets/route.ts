// POST /api/dev/inbox/health/secrets — values a test typed (passwords, card numbers): the PII rule flags any event carrying one.
import { queryApiRoutes } from '@/lib/inbox/collector/query-api';

export const dynamic = 'force-dynamic';

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = queryApiRoutes['health/secrets'];
