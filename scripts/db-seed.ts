// `npm run db:seed`: creates the demo user and a workspace with a few projects and tasks (idempotent).
// Sign in at /login with demo@orbit.local / orbit-demo-password.
import { eq } from 'drizzle-orm';
import { auth } from '@/lib/auth/config';
import { closeDatabase, db, migrateDatabase } from '@/lib/db';
import { members, profiles, projects, tasks, users, workspaces } from '@/lib/db/schema';

export const DEMO = { name: 'Dana Demo', email: 'demo@orbit.local', password: 'orbit-demo-password' };

const DEMO_PROJECTS = [
  { name: 'Website relaunch', description: 'New marketing site before the spring campaign.', tasks: ['Write hero copy', 'Pick a palette', 'Ship the pricing page'] },
  { name: 'Mobile onboarding', description: 'Shorten time-to-first-project on mobile.', tasks: ['Map the current flow', 'Prototype the new steps'] },
];

async function main(): Promise<void> {
  await migrateDatabase();
  const existing = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO.email)).limit(1);
  if (existing[0]) {
    console.log(`Demo user already exists: ${DEMO.email}`);
    return;
  }
  const { user } = await auth.api.signUpEmail({ body: DEMO });
  await db.transaction(async (tx) => {
    const [workspace] = await tx.insert(workspaces).values({ name: 'Demo Co', ownerId: user.id }).returning();
    if (!workspace) throw new Error('workspace insert returned nothing');
    await tx.insert(members).values({ workspaceId: workspace.id, userId: user.id, role: 'owner' });
    const now = new Date();
    await tx.insert(profiles).values({ userId: user.id, jobRole: 'product', profileStepAt: now, projectStepAt: now, onboardedAt: now });
    for (const p of DEMO_PROJECTS) {
      const [project] = await tx
        .insert(projects)
        .values({ workspaceId: workspace.id, name: p.name, description: p.description, createdBy: user.id })
        .returning();
      if (!project) throw new Error('project insert returned nothing');
      await tx.insert(tasks).values(
        p.tasks.map((title, i) => ({ projectId: project.id, workspaceId: workspace.id, title, createdBy: user.id, done: i === 0, completedAt: i === 0 ? now : null })),
      );
    }
  });
  console.log(`Seeded demo user ${DEMO.email} (password: ${DEMO.password}) with workspace "Demo Co".`);
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => closeDatabase());
