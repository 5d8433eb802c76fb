// Next.js server instrumentation hook: runs once per server process before it handles requests.
// Node runtime: apply database migrations so a fresh checkout needs no manual step.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { migrateDatabase } = await import('./lib/db');
    await migrateDatabase();
  }
}
