// Every test file starts on a fresh, migrated in-memory database and closes it at the end.
import { afterAll, beforeAll } from 'vitest';
import { closeDatabase, migrateDatabase } from '@/lib/db';

beforeAll(async () => {
  await migrateDatabase();
});

afterAll(async () => {
  await closeDatabase();
});
