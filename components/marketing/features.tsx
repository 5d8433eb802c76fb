import type { ReactNode } from 'react';
import { BellOffIcon, CalendarIcon, FolderIcon, ListCheckIcon, ShieldIcon, UsersIcon } from './icons';
import { SectionHeading } from './section-heading';

const features: { title: string; body: string; icon: ReactNode }[] = [
  {
    title: 'Projects that stay tidy',
    body: 'Group work into projects with a clear goal. Everyone sees the same list, and finished projects get out of the way.',
    icon: <FolderIcon />,
  },
  {
    title: 'Tasks in seconds',
    body: 'Type a task, press Enter, done. Check things off as you go — completed work fades instead of shouting.',
    icon: <ListCheckIcon />,
  },
  {
    title: 'A clear view of what ships next',
    body: 'One timeline across every project, so Monday planning takes five minutes instead of a meeting.',
    icon: <CalendarIcon />,
  },
  {
    title: 'Made for small teams',
    body: 'Invite teammates by email and start planning together. Owners and members, no permission maze.',
    icon: <UsersIcon />,
  },
  {
    title: 'Quiet by default',
    body: 'No notification firehose, no badges competing for attention. Orbit shows what changed when you look.',
    icon: <BellOffIcon />,
  },
  {
    title: 'Private by design',
    body: 'Each workspace is isolated, passwords are hashed with scrypt and sessions live in httpOnly cookies.',
    icon: <ShieldIcon />,
  },
];

export function Features() {
  return (
    <section id="features" aria-labelledby="features-title" className="scroll-mt-20 py-20 sm:py-28">
      <div className="mx-auto max-w-6xl px-4 sm:px-6 lg:px-8">
        <SectionHeading id="features-title" eyebrow="Features" title="Everything a small team needs. Nothing it doesn't.">
          Orbit keeps planning light: a few sharp tools that make the next step obvious, instead of a hundred settings
          nobody asked for.
        </SectionHeading>
        <ul className="mt-14 grid gap-px overflow-hidden rounded-2xl bg-slate-200 ring-1 ring-slate-200 sm:grid-cols-2 lg:grid-cols-3">
          {features.map((f) => (
            <li key={f.title} className="bg-white p-6 transition-colors hover:bg-slate-50/60 sm:p-7">
              <div className="flex items-center gap-4 sm:block">
                <span className="inline-flex size-10 shrink-0 items-center justify-center rounded-lg bg-brand-50 text-brand-600 ring-1 ring-brand-100">
                  {f.icon}
                </span>
                <h3 className="text-base font-semibold text-slate-900 sm:mt-5">{f.title}</h3>
              </div>
              <p className="mt-2 text-sm leading-6 text-slate-600">{f.body}</p>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
