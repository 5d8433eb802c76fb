import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { DeleteProjectButton } from '@/components/app/delete-project-button';
import { TaskList } from '@/components/app/task-list';
import { getProject } from '@/lib/projects/projects';
import { AppError } from '@/lib/server/errors';
import { idSegment, pageSegment } from '@/lib/server/path-segment';
import { listTasks } from '@/lib/tasks/tasks';
import { PRIVATE_TEXT_CLASS } from '@/lib/telemetry/browser/privacy';
import { requireWorkspace } from '@/lib/auth/guards';

type Props = { params: Promise<{ id: string }> };

/** The project, or Next's not-found page when it is not in the caller's workspace (or does not exist). */
const loadProject = cache(async (id: string | null) => {
  if (id === null) notFound();
  const { workspace } = await requireWorkspace(`/projects/${encodeURIComponent(id)}`);
  try {
    return { workspace, project: await getProject(workspace.id, id) };
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { project } = await loadProject(pageSegment(idSegment, (await params).id, 'metadata'));
  return { title: project.name };
}

export default async function ProjectPage({ params }: Props) {
  const { workspace, project } = await loadProject(pageSegment(idSegment, (await params).id));
  const tasks = await listTasks(workspace.id, project.id);
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <div className="space-y-3">
        <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
          <Link href="/dashboard" className={`${PRIVATE_TEXT_CLASS} hover:text-slate-900`}>
            {workspace.name}
          </Link>
          <span aria-hidden="true"> / </span>
          <span className="text-slate-700">Projects</span>
        </nav>
        <div className="flex items-start justify-between gap-4">
          <div className="min-w-0">
            <h1 className={`${PRIVATE_TEXT_CLASS} truncate text-3xl font-semibold tracking-tight text-slate-900`}>{project.name}</h1>
            {project.description ? <p className={`${PRIVATE_TEXT_CLASS} mt-2 text-slate-600`}>{project.description}</p> : null}
          </div>
          <DeleteProjectButton projectId={project.id} projectName={project.name} />
        </div>
      </div>
      <TaskList projectId={project.id} initialTasks={tasks} />
    </div>
  );
}
