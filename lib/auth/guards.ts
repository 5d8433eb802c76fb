// What a workspace page needs before it renders: a signed-in user (else /login) and their workspace (else
// onboarding). Pages call it even though the (app) layout checks too, because a layout is not re-run on
// client-side navigation between its pages.
import 'server-only';
import { redirect } from 'next/navigation';
import { getCurrentUser, getCurrentWorkspace, type CurrentUser, type CurrentWorkspace } from './session';

export async function requireUser(next?: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
  return user;
}

export async function requireWorkspace(next?: string): Promise<{ user: CurrentUser; workspace: CurrentWorkspace }> {
  const user = await requireUser(next);
  const workspace = await getCurrentWorkspace(user.id);
  if (!workspace) redirect('/onboarding');
  return { user, workspace };
}
