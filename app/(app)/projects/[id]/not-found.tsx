import { ButtonLink } from '@/components/ui/button';

export default function ProjectNotFound() {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">Project not found</h1>
      <p className="mt-2 text-slate-600">It may have been deleted, or it belongs to a workspace you are not a member of.</p>
      <ButtonLink href="/dashboard" className="mt-6">
        Back to dashboard
      </ButtonLink>
    </div>
  );
}
