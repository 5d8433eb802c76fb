import type { Metadata } from 'next';
import { CreateProjectForm } from '@/components/app/create-project-form';
import { ChecklistCard, WelcomeCard } from '@/components/app/onboarding-checklist';
import { ProjectCard } from '@/components/app/project-card';
import { Card } from '@/components/ui/card';
import { isFeatureEnabled } from '@/lib/flags/server';
import { listProjects } from '@/lib/projects/projects';
import { PRIVATE_TEXT_CLASS } from '@/lib/telemetry/browser/privacy';
import { requireWorkspace } from '@/lib/auth/guards';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function DashboardPage() {
  const { user, workspace } = await requireWorkspace('/dashboard');
  const [projects, checklist] = await Promise.all([listProjects(workspace.id), isFeatureEnabled('new-onboarding-checklist', user.id)]);
  const open = projects.reduce((n, p) => n + p.taskCount - p.doneCount, 0);
  const progress = {
    projects: projects.length,
    tasks: projects.reduce((n, p) => n + p.taskCount, 0),
    done: projects.reduce((n, p) => n + p.doneCount, 0),
    paidPlan: workspace.plan !== 'free',
  };
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm font-medium text-slate-500">Workspace</p>
          <h1 className={`${PRIVATE_TEXT_CLASS} text-3xl font-semibold tracking-tight text-slate-900`}>{workspace.name}</h1>
        </div>
        <p className="text-sm text-slate-600">
          {projects.length} {projects.length === 1 ? 'project' : 'projects'} · {open} open {open === 1 ? 'task' : 'tasks'}
        </p>
      </div>
      <div className="grid gap-8 lg:grid-cols-[1fr_320px]">
        <section aria-labelledby="projects-heading" className="space-y-4">
          <h2 id="projects-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
            Projects
          </h2>
          {projects.length ? (
            <ul className="grid gap-4 sm:grid-cols-2">
              {projects.map((p) => (
                <ProjectCard key={p.id} project={p} />
              ))}
            </ul>
          ) : (
            <div className="rounded-xl border-2 border-dashed border-slate-200 bg-white px-6 py-14 text-center">
              <p className="text-base font-semibold text-slate-900">No projects yet</p>
              <p className="mt-1 text-sm text-slate-600">Create your first project to start planning tasks with your team.</p>
            </div>
          )}
        </section>
        <aside className="space-y-6">
          {checklist ? <ChecklistCard progress={progress} /> : <WelcomeCard />}
          <Card className="space-y-4">
            <div>
              <h2 className="text-base font-semibold text-slate-900">New project</h2>
              <p className="text-sm text-slate-600">Group the tasks that ship one outcome.</p>
            </div>
            <CreateProjectForm />
          </Card>
        </aside>
      </div>
    </div>
  );
}
