// Sentry for the edge runtime (app/api/edge/*), loaded by instrumentation.ts register(). The edge runtime cannot
// open the database or import lib/env.ts (node:crypto), so local mode comes from lib/local-mode.ts directly (the
// rule lib/env.ts uses too) and envelopes go over HTTP to the collector at Orbit's own origin (APP_URL, else the
// origin `next start`/`next dev` publish in __NEXT_PRIVATE_ORIGIN, else 127.0.0.1:$PORT).
// The options every runtime shares come from lib/monitoring/shared/sentry-options.ts.
import * as Sentry from '@sentry/nextjs';
import { decideLocalMode, localModeEnv } from '@/lib/local-mode';
import { LOCAL_SENTRY_PROJECT } from '@/lib/monitoring/shared/endpoints';
import { productionTracesRate } from '@/lib/monitoring/shared/sampling';
import { sentryOptions } from '@/lib/monitoring/shared/sentry-options';

// Computed keys: read when the server starts, never inlined by the build (one build serves every deployment).
const e: Record<string, string | undefined> = process.env;
const read = (name: string) => e[name];
const configuredDsn = read('SENTRY_DSN') || read('NEXT_PUBLIC_SENTRY_DSN') || undefined;
export const localInbox = decideLocalMode(localModeEnv()).on;
const origin = (e.APP_URL || e.__NEXT_PRIVATE_ORIGIN || `http://127.0.0.1:${e.PORT || 3000}`).replace(/\/+$/, '');
const environment = e.DEPLOYMENT || 'local';
const dsn = localInbox ? `${origin.replace(/^(https?:\/\/)/, '$1orbit@')}/sentry/${LOCAL_SENTRY_PROJECT.edge}` : configuredDsn;

if (dsn) {
  Sentry.init(sentryOptions({ dsn, environment, productionTracesRate: productionTracesRate(e.SENTRY_TRACES_SAMPLE_RATE), ownOrigins: [origin] }));
}
