// GET /api/health — app and database status for load balancers and humans (200 healthy, 503 otherwise).
import { sql } from 'drizzle-orm';
import { NextResponse } from 'next/server';
import { databaseKind, db } from '@/lib/db';
import { billingProvider, env, localInbox } from '@/lib/env';
import { currentRelayForwarder } from '@/lib/relay/forwarder';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const started = performance.now();
  let database: { status: 'ok' | 'error'; kind: string; latencyMs?: number };
  try {
    await db.execute(sql`select 1`);
    database = { status: 'ok', kind: databaseKind(), latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    // The endpoint is public: a driver's message names hosts, ports, users and database names. Operators read it
    // in the server log; the body only says that the database does not answer.
    console.error('[health] database check failed:', error);
    database = { status: 'error', kind: databaseKind() };
  }
  const healthy = database.status === 'ok';
  // The relay's store-and-forward backlog (docs/reliability.md): what waits for PostHog or Sentry, and what was lost.
  const relay = healthy ? await currentRelayForwarder()?.stats().catch(() => null) : null;
  return NextResponse.json(
    {
      status: healthy ? 'ok' : 'degraded',
      app: { name: 'orbit', version: process.env.npm_package_version ?? '0.1.0', deployment: env.DEPLOYMENT },
      database,
      integrations: {
        billing: billingProvider,
        posthog: env.NEXT_PUBLIC_POSTHOG_KEY ? 'cloud' : localInbox ? 'local' : 'off',
        sentry: (env.NEXT_PUBLIC_SENTRY_DSN ?? env.SENTRY_DSN) ? 'cloud' : localInbox ? 'local' : 'off',
        localInbox,
      },
      ...(relay ? { relay } : {}),
    },
    { status: healthy ? 200 : 503, headers: { 'cache-control': 'no-store' } },
  );
}
