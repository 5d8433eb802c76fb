// What a page needs before it renders: who is calling, put on the request's Sentry scope (user id, never the
// email; the PostHog identity), and for workspace pages a signed-in user (else /login) and their workspace (else
// onboarding). Pages call a guard even though the layouts do too, because a layout is not re-run on client-side
// navigation between its pages: the page's own render must identify the caller of its errors and spans.
import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { identifyRequest } from '@/lib/monitoring/server/server-scope';
import { getCurrentUser, getCurrentWorkspace, type CurrentUser, type CurrentWorkspace } from './session';

/** The caller of this render (null when signed out), identified on the request's Sentry scope. */
export async function identifyCaller(): Promise<CurrentUser | null> {
  const user = await getCurrentUser();
  identifyRequest({ user, headers: await headers() });
  return user;
}

export async function requireUser(next?: string): Promise<CurrentUser> {
  const user = await identifyCaller();
  if (!user) redirect(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
  return user;
}

export async function requireWorkspace(next?: string): Promise<{ user: CurrentUser; workspace: CurrentWorkspace }> {
  const user = await requireUser(next);
  const workspace = await getCurrentWorkspace(user.id);
  if (!workspace) redirect('/onboarding');
  return { user, workspace };
}
