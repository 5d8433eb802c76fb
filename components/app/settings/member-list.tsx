// Settings → Members: the workspace's members and pending invites. Names and email addresses are what people typed,
// so they are masked in session recordings and kept out of autocapture (PRIVATE_TEXT_CLASS), and never put into
// attributes, which rrweb records as they are.
import type { InviteDto } from '@/lib/invites/invites';
import { PRIVATE_TEXT_CLASS } from '@/lib/telemetry/browser/privacy';
import type { MemberDto } from '@/lib/workspaces/workspaces';

const ROLE_STYLE = { owner: 'bg-brand-50 text-brand-700 ring-brand-200', admin: 'bg-sky-50 text-sky-700 ring-sky-200', member: 'bg-slate-50 text-slate-600 ring-slate-200' };

type Props = { members: Pick<MemberDto, 'userId' | 'name' | 'email' | 'role'>[]; invites: Pick<InviteDto, 'id' | 'email' | 'role'>[]; currentUserId: string };

export function MemberList({ members, invites, currentUserId }: Props) {
  return (
    <ul className="divide-y divide-slate-100" aria-label="Members and pending invites">
      {members.map((m) => (
        <li key={m.userId} className="flex items-center justify-between gap-3 py-3 first:pt-0">
          <div className="min-w-0">
            <p className="truncate text-sm font-medium text-slate-900">
              <span className={PRIVATE_TEXT_CLASS}>{m.name}</span>
              {m.userId === currentUserId ? <span className="text-slate-500"> (you)</span> : null}
            </p>
            <p className={`${PRIVATE_TEXT_CLASS} truncate text-xs text-slate-500`}>{m.email}</p>
          </div>
          <span className={`rounded-full px-2 py-0.5 text-xs font-medium capitalize ring-1 ring-inset ${ROLE_STYLE[m.role]}`}>{m.role}</span>
        </li>
      ))}
      {invites.map((inv) => (
        <li key={inv.id} className="flex items-center justify-between gap-3 py-3" data-invite-id={inv.id}>
          <div className="min-w-0">
            <p className={`${PRIVATE_TEXT_CLASS} truncate text-sm font-medium text-slate-700`}>{inv.email}</p>
            <p className="text-xs text-slate-500">Invited as {inv.role}</p>
          </div>
          <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-700 ring-1 ring-inset ring-amber-200">Pending</span>
        </li>
      ))}
    </ul>
  );
}
