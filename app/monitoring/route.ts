// POST /monitoring — the Sentry tunnel: relays the browser SDK's envelopes to the configured DSN only
// (lib/relay/sentry-tunnel.ts). 404 in local mode (the browser posts to /sentry, the local collector) or without a DSN.
import { env, localInbox } from '@/lib/env';
import { relayRoute } from '@/lib/relay/route';
import { tunnelEnvelope } from '@/lib/relay/sentry-tunnel';

export const dynamic = 'force-dynamic';

const tunnel = relayRoute((req) => tunnelEnvelope(req, { dsn: localInbox ? undefined : env.NEXT_PUBLIC_SENTRY_DSN }), 'POST');

export const GET = tunnel;
export const HEAD = tunnel;
export const POST = tunnel;
export const PUT = tunnel;
export const PATCH = tunnel;
export const DELETE = tunnel;
export const OPTIONS = tunnel;
