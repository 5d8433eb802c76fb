// One project on the dashboard: name (the link), description and task progress.
import Link from 'next/link';
import type { ProjectSummaryDto } from '@/lib/projects/dto';
import { PRIVATE_TEXT_CLASS } from '@/lib/telemetry/browser/privacy';

export function ProjectCard({ project }: { project: ProjectSummaryDto }) {
  const pct = project.taskCount ? Math.round((project.doneCount / project.taskCount) * 100) : 0;
  return (
    <li className="group relative rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 transition hover:shadow-md hover:ring-brand-200">
      <h3 className="truncate text-base font-semibold text-slate-900">
        <Link href={`/projects/${project.id}`} className={`${PRIVATE_TEXT_CLASS} focus-visible:outline-none`}>
          <span className="absolute inset-0 rounded-xl group-has-[:focus-visible]:ring-2 group-has-[:focus-visible]:ring-brand-600" aria-hidden="true" />
          {project.name}
        </Link>
      </h3>
      {project.description ? <p className={`${PRIVATE_TEXT_CLASS} mt-1 line-clamp-2 text-sm text-slate-600`}>{project.description}</p> : null}
      <div className="mt-4 space-y-1.5">
        <div className="flex justify-between text-xs text-slate-500">
          <span>{project.taskCount === 0 ? 'No tasks yet' : `${project.doneCount} of ${project.taskCount} tasks done`}</span>
          {project.taskCount ? <span>{pct}%</span> : null}
        </div>
        <div className="h-1.5 overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
          <div className="h-full rounded-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
        </div>
      </div>
    </li>
  );
}
