import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { InviteForm } from '@/components/app/settings/invite-form';
import { MemberList } from '@/components/app/settings/member-list';
import { ProfileForm } from '@/components/app/settings/profile-form';
import { WorkspaceForm } from '@/components/app/settings/workspace-form';
import { Card } from '@/components/ui/card';
import { listPendingInvites } from '@/lib/invites/invites';
import { listMembers, canManageWorkspace } from '@/lib/workspaces/workspaces';
import { requireWorkspace } from '@/lib/auth/guards';

export const metadata: Metadata = { title: 'Settings' };

function Section({ id, title, description, children }: { id: string; title: string; description: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="grid gap-6 border-b border-slate-200 py-8 first:pt-0 last:border-0 md:grid-cols-[240px_1fr]">
      <div>
        <h2 id={id} className="text-base font-semibold text-slate-900">
          {title}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{description}</p>
      </div>
      <Card>{children}</Card>
    </section>
  );
}

export default async function SettingsPage() {
  const { user, workspace } = await requireWorkspace('/settings');
  const canManage = canManageWorkspace(workspace.role);
  const [members, invites] = await Promise.all([listMembers(workspace.id), listPendingInvites(workspace.id)]);
  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="mb-8 text-3xl font-semibold tracking-tight text-slate-900">Settings</h1>
      <Section id="profile-heading" title="Profile" description="How your name appears to your teammates.">
        <ProfileForm name={user.name} />
      </Section>
      <Section id="workspace-heading" title="Workspace" description="The name everyone in this workspace sees.">
        <WorkspaceForm name={workspace.name} canManage={canManage} />
      </Section>
      <Section id="members-heading" title="Members" description="People who can see and edit this workspace's projects.">
        <div className="space-y-6">
          <MemberList members={members} invites={invites} currentUserId={user.id} />
          {canManage ? (
            <div className="border-t border-slate-100 pt-6">
              <InviteForm />
            </div>
          ) : (
            <p className="text-sm text-slate-500">Only owners and admins can invite people.</p>
          )}
        </div>
      </Section>
    </div>
  );
}
