import { describe, expect, it } from 'vitest';
import { createInvite } from '@/lib/invites/invites';
import { createProject } from '@/lib/projects/projects';
import { AppError } from '@/lib/server/errors';
import { createWorkspaceWithOwner } from '@/test-support/billing';

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('plan limits', () => {
  it('a Free workspace gets 3 projects, the 4th is refused with an upgrade hint; Pro has no limit', async () => {
    const { userId, workspaceId } = await createWorkspaceWithOwner();
    const free = { id: workspaceId, plan: 'free' as const };
    for (const name of ['One', 'Two', 'Three']) await createProject(free, userId, { name });
    const error = await refusal(createProject(free, userId, { name: 'Four' }));
    expect(error.code).toBe('plan_limit');
    expect(error.status).toBe(403);
    expect(error.message).toBe('The Free plan includes up to 3 projects. Upgrade to Pro for unlimited projects.');
    await expect(createProject({ id: workspaceId, plan: 'pro' }, userId, { name: 'Four' })).resolves.toMatchObject({ name: 'Four' });
  });

  it('pending invites count as seats: a Free workspace (2 members) can invite one person', async () => {
    const { userId, workspaceId } = await createWorkspaceWithOwner();
    const ws = { id: workspaceId, name: 'Acme', role: 'owner' as const, plan: 'free' as const };
    await createInvite(ws, userId, { email: 'first@example.test', role: 'member' });
    const error = await refusal(createInvite(ws, userId, { email: 'second@example.test', role: 'member' }));
    expect(error.code).toBe('plan_limit');
    await expect(createInvite({ ...ws, plan: 'pro' }, userId, { email: 'second@example.test', role: 'member' })).resolves.toMatchObject({
      email: 'second@example.test',
    });
  });
});
