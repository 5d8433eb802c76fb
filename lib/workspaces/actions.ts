'use server';
// Workspace settings forms: rename the workspace, invite a member (owners and admins only).
import 'server-only';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { track } from '@/lib/analytics/server/mutation-events';
import { createInvite } from '@/lib/invites/invites';
import { defineAction } from '@/lib/server/mutation';
import { emailSchema } from '@/lib/users/schemas';
import { renameWorkspace } from './workspaces';

export const renameWorkspaceAction = defineAction(
  {
    name: 'workspace.rename',
    input: z.object({
      name: z.string().trim().min(1, 'Name your workspace.').max(60, 'Keep the workspace name under 60 characters.'),
    }),
    auth: 'workspace',
  },
  async (input, ctx) => {
    const workspace = await renameWorkspace(ctx.workspace, input.name);
    revalidatePath('/', 'layout');
    return workspace;
  },
  (_input, _workspace, ctx) => track('workspace.renamed', { workspace_id: ctx.workspace.id }),
);

export const inviteMemberAction = defineAction(
  {
    name: 'workspace.invite',
    input: z.object({
      email: emailSchema,
      role: z.enum(['member', 'admin'], { error: 'Choose a role.' }),
    }),
    auth: 'workspace',
    // Per inviter, and per workspace so several admins cannot add up their budgets.
    rateLimit: [
      { window: 3600, max: 50 },
      { window: 3600, max: 100, key: (_input, ctx) => ctx.workspace.id },
    ],
  },
  async (input, ctx) => {
    const created = await createInvite(ctx.workspace, ctx.user.id, input);
    revalidatePath('/settings');
    return created;
  },
  // The invitee's address stays out: the invite id and role say what happened.
  (input, created, ctx) => track('invite.sent', { invite_id: created.id, workspace_id: ctx.workspace.id, role: input.role }),
);
