import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { InviteForm } from '@/components/app/settings/invite-form';
import { ProfileForm } from '@/components/app/settings/profile-form';
import { WorkspaceForm } from '@/components/app/settings/workspace-form';
import { Card } from '@/components/ui/card';
import { listPendingInvites } from '@/lib/invites/invites';
import { listMembers, canManageWorkspace } from '@/lib/workspaces/workspaces';
import { requireWorkspace } from '@/lib/workspaces/page-context';

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

const ROLE_STYLE = { owner: 'bg-brand-50 text-brand-700 ring-brand-200', admin: 'bg-sky-50 text-sky-700 ring-sky-200', member: 'bg-slate-50 text-slate-600 ring-slate-200' };

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
          <ul className="divide-y divide-slate-100" aria-label="Members and pending invites">
            {members.map((m) => (
              <li key={m.userId} className="flex items-center justify-between gap-3 py-3 first:pt-0">
                <div className="min-w-0">
                  <p className="truncate text-sm font-medium text-slate-900">
                    {m.name}
                    {m.userId === user.id ? <span className="text-slate-500"> (you)</span> : null}
                  </p>
                  <p className="truncate text-xs text-slate-500">{m.email}</p>
                </div>
                <span className={`rounded-full px-2 py-0.5 text-xs font-medium capitalize ring-1 ring-inset ${ROLE_STYLE[m.role]}`}>{m.role}</span>
              </li>
            ))}
            {invites.map((inv) => (
              <li key={inv.id} className="flex items-center justify-between gap-3 py-3" data-invite-email={inv.email}>
                <div className="min-w-0">
                  <p className="truncate text-sm font-medium text-slate-700">{inv.email}</p>
                  <p className="text-xs text-slate-500">Invited as {inv.role}</p>
                </div>
                <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-700 ring-1 ring-inset ring-amber-200">Pending</span>
              </li>
            ))}
          </ul>
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
