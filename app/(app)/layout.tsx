// Every signed-in page: a verified session (else /login?next=…) and a workspace (else onboarding, except on the
// onboarding pages themselves), wrapped in the app shell.
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { AppFrame } from '@/components/app/app-frame';
import { getCurrentWorkspace } from '@/lib/auth/session';
import { isOnboardingPath, PATHNAME_HEADER } from '@/lib/auth/app-paths';
import { requireUser } from '@/lib/auth/guards';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const pathname = (await headers()).get(PATHNAME_HEADER) ?? '';
  const user = await requireUser(pathname || undefined);
  const workspace = await getCurrentWorkspace(user.id);
  // Without the proxy's pathname header the pages' own guards (requireWorkspace) take over.
  if (!workspace && pathname && !isOnboardingPath(pathname)) redirect('/onboarding');
  return (
    <AppFrame user={{ name: user.name }} workspace={workspace ? { name: workspace.name, plan: workspace.plan } : null}>
      {children}
    </AppFrame>
  );
}
