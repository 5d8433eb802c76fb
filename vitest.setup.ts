// Every test file has a database of its own: lib/db opens it on first use, in memory, from the run's migrated
// template (test-support/pglite.ts), so it starts fresh and migrated, and a file that never touches it pays nothing
// for it. It is closed at the end of the file, when it was opened.
import { afterAll } from 'vitest';

afterAll(async () => {
  // The request of test-support/next-request.ts belongs to one file.
  delete (globalThis as { orbitTestRequest?: unknown }).orbitTestRequest;
  // lib/db keeps its one handle on globalThis; without one there is nothing to close (and no reason to load lib/db).
  if ((globalThis as { orbitDb?: unknown }).orbitDb === undefined) return;
  const { closeDatabase } = await import('@/lib/db');
  await closeDatabase();
});
