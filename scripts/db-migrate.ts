// `npm run db:migrate`: applies the committed SQL migrations in drizzle/ to the configured database.
// The app also does this on start (instrumentation.ts); this is for deploy pipelines and real Postgres.
import { closeDatabase, databaseKind, migrateDatabase } from '@/lib/db';

async function main(): Promise<void> {
  await migrateDatabase();
  console.log(`Migrations applied (${databaseKind()}).`);
  await closeDatabase();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
