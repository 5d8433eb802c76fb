// The signed-in user's own profile (display name). Better Auth owns the users table; a name is plain data.
import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '@/lib/db';
import { users } from '@/lib/db/schema';

export async function updateDisplayName(userId: string, name: string): Promise<{ name: string }> {
  await db.update(users).set({ name, updatedAt: new Date() }).where(eq(users.id, userId));
  return { name };
}
