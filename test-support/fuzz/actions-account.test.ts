// The profile and workspace server actions under hostile input, through the harness in test-support/fuzz/actions.ts (the actions are split
// over three files so Vitest's workers share the fuzzing).
import { vi } from 'vitest';

vi.mock('next/headers', () => import('@/test-support/next-request'));
vi.mock('next/cache', () => import('@/test-support/next-request'));

const users = await import('@/lib/users/actions');
const workspaces = await import('@/lib/workspaces/actions');
const { fuzzServerActions } = await import('./actions');
type Action = import('./actions').Action;

fuzzServerActions({
  'users.updateProfileAction': users.updateProfileAction as Action,
  'workspaces.renameWorkspaceAction': workspaces.renameWorkspaceAction as Action,
  'workspaces.inviteMemberAction': workspaces.inviteMemberAction as Action,
});
