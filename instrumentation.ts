// Next.js server instrumentation hook: runs once per server process before it handles requests.
// Node runtime: Sentry first (so startup failures are reported), then the database migrations, so a fresh
// checkout needs no manual step. Edge runtime: Sentry only (no database there).
import { onRequestError as reportRequestError } from './lib/monitoring/server/request-error';

export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    // The configuration first: an invalid one (APP_URL missing in production…) stops the process with the variable's
    // name. Without exiting, Next would log it and keep running, answering 500 to every request.
    try {
      await import('./lib/env');
    } catch (error) {
      console.error(`[orbit] ${error instanceof Error ? error.message : String(error)}; not starting.`);
      process.exit(1);
    }
    await import('./sentry.server.config');
    // Every request: the client address of a direct deployment (no proxy in front), and room for the ~10 'close'
    // listeners Next.js and Sentry add to a response (lib/server/request-hook.ts).
    const [{ installRequestHook }, { Server }] = await Promise.all([import('./lib/server/request-hook'), import('node:http')]);
    installRequestHook(Server);
    // The configuration was validated above (lib/env.ts); say which mode this server runs in, loudly if unsafe.
    const { billingProvider, env, localMode } = await import('./lib/env');
    const { startupModeLines } = await import('./lib/startup-mode');
    for (const line of startupModeLines({ nodeEnv: env.NODE_ENV, localMode, billingProvider })) console[line.level](line.text);
    const { migrateDatabase } = await import('./lib/db');
    try {
      await migrateDatabase();
    } catch (error) {
      // Another process owns the embedded database: without exiting, Next would keep running and answer 500.
      if (error instanceof Error && error.name === 'DataDirInUseError') {
        console.error(`[orbit] ${error.message}`);
        process.exit(1);
      }
      throw error;
    }
    // Requests the relay stored while PostHog or Sentry was down are delivered from now on (lib/relay/forwarder.ts).
    const { startRelayForwarder } = await import('./lib/relay/deployment');
    startRelayForwarder();
    // Queued analytics events are flushed on SIGTERM/SIGINT and at exit (lib/analytics/server/shutdown.ts).
    const { registerAnalyticsShutdown } = await import('./lib/analytics/server/shutdown');
    registerAnalyticsShutdown();
  }
  if (process.env.NEXT_RUNTIME === 'edge') {
    await import('./sentry.edge.config');
  }
}

/** Errors that escape a render, a route handler or proxy.ts; redirect()/notFound() are filtered in beforeSend. */
export const onRequestError = reportRequestError;
