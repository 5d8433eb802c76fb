// The dashboard's getting-started card. The `new-onboarding-checklist` flag (decided on the server, see
// lib/flags/server.ts) picks the checklist of first steps, each ticked from the workspace's real data, or the
// original welcome card.
import Link from 'next/link';
import { Card } from '@/components/ui/card';

export type ChecklistProgress = { projects: number; tasks: number; done: number; paidPlan: boolean };

export function ChecklistCard({ progress }: { progress: ChecklistProgress }) {
  const items = [
    { id: 'workspace', label: 'Create your workspace', done: true },
    { id: 'project', label: 'Create a project', done: progress.projects > 0 },
    { id: 'task', label: 'Add a task to a project', done: progress.tasks > 0 },
    { id: 'task_done', label: 'Complete a task', done: progress.done > 0 },
    { id: 'plan', label: 'Choose a paid plan', done: progress.paidPlan, href: '/billing' },
  ];
  const finished = items.filter((i) => i.done).length;
  return (
    <Card className="space-y-3" data-testid="onboarding-checklist">
      <div>
        <h2 className="text-base font-semibold text-slate-900">Getting started</h2>
        <p className="text-sm text-slate-600" data-testid="checklist-progress">
          {finished} of {items.length} done
        </p>
      </div>
      <ul className="space-y-2 text-sm">
        {items.map((item) => (
          <li key={item.id} data-testid={`checklist-${item.id}`} data-done={item.done} className="flex items-center gap-2">
            <span aria-hidden className={item.done ? 'text-emerald-600' : 'text-slate-300'}>
              {item.done ? '✓' : '○'}
            </span>
            {item.href && !item.done ? (
              <Link href={item.href} className="text-indigo-600 hover:underline">
                {item.label}
              </Link>
            ) : (
              <span className={item.done ? 'text-slate-500 line-through' : 'text-slate-900'}>{item.label}</span>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}

export function WelcomeCard() {
  return (
    <Card className="space-y-1" data-testid="welcome-card">
      <h2 className="text-base font-semibold text-slate-900">Welcome to Orbit</h2>
      <p className="text-sm text-slate-600">Projects group the tasks that ship one outcome; tick tasks off as your team finishes them.</p>
    </Card>
  );
}
