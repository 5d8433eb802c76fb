'use client';
// Deletes the project (and its tasks) after a confirmation, through the REST API, then returns to the dashboard.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/field';
import { ApiError, api } from '@/lib/api-client';

export function DeleteProjectButton({ projectId, projectName }: { projectId: string; projectName: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onClick() {
    if (!window.confirm(`Delete “${projectName}” and all its tasks? This cannot be undone.`)) return;
    setPending(true);
    setError(null);
    try {
      await api.projects.remove(projectId);
      router.push('/dashboard');
      router.refresh();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not delete the project.');
      setPending(false);
    }
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <Button variant="secondary" size="sm" onClick={() => void onClick()} disabled={pending}>
        {pending ? 'Deleting…' : 'Delete project'}
      </Button>
      <FormMessage inline>{error}</FormMessage>
    </div>
  );
}
