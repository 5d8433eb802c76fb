'use client';
// The project's tasks, edited in place through the REST API (lib/api-client.ts): changes show immediately and
// roll back with a message if the server refuses them.
import { useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage, Input } from '@/components/ui/field';
import { ApiError, api } from '@/lib/api-client';
import type { TaskDto } from '@/lib/tasks/dto';
import { PRIVATE_TEXT_CLASS } from '@/lib/telemetry/browser/privacy';
import { Spinner } from './submit-button';

function message(error: unknown): string {
  if (error instanceof ApiError) return Object.values(error.fieldErrors ?? {})[0]?.[0] ?? error.message;
  return 'Something went wrong. Please try again.';
}

/** Open tasks first, then done ones, each oldest first (the server's order). */
function sortTasks(tasks: TaskDto[]): TaskDto[] {
  return [...tasks].sort((a, b) => Number(a.done) - Number(b.done) || a.createdAt.localeCompare(b.createdAt));
}

export function TaskList({ projectId, initialTasks }: { projectId: string; initialTasks: TaskDto[] }) {
  const [tasks, setTasks] = useState(initialTasks);
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const doneCount = tasks.filter((t) => t.done).length;

  const mark = (id: string, on: boolean) =>
    setBusy((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = title.trim();
    if (!trimmed) {
      setError('Enter a task title.');
      inputRef.current?.focus();
      return;
    }
    setError(null);
    const temp: TaskDto = { id: `temp-${crypto.randomUUID()}`, projectId, title: trimmed, done: false, completedAt: null, createdAt: new Date().toISOString() };
    setTasks((prev) => sortTasks([...prev, temp]));
    setTitle('');
    mark(temp.id, true);
    try {
      const { task } = await api.tasks.create(projectId, { title: trimmed });
      setTasks((prev) => sortTasks(prev.map((t) => (t.id === temp.id ? task : t))));
    } catch (e) {
      setTasks((prev) => prev.filter((t) => t.id !== temp.id));
      setTitle(trimmed);
      setError(message(e));
    } finally {
      mark(temp.id, false);
    }
  }

  async function toggle(task: TaskDto) {
    const done = !task.done;
    setError(null);
    setTasks((prev) => prev.map((t) => (t.id === task.id ? { ...t, done } : t)));
    mark(task.id, true);
    try {
      const { task: saved } = await api.tasks.update(task.id, { done });
      setTasks((prev) => prev.map((t) => (t.id === task.id ? saved : t)));
    } catch (e) {
      setTasks((prev) => prev.map((t) => (t.id === task.id ? task : t)));
      setError(message(e));
    } finally {
      mark(task.id, false);
    }
  }

  async function remove(task: TaskDto) {
    setError(null);
    const index = tasks.findIndex((t) => t.id === task.id);
    setTasks((prev) => prev.filter((t) => t.id !== task.id));
    try {
      await api.tasks.remove(task.id);
    } catch (e) {
      // A task already gone on the server stays gone here too.
      if (!(e instanceof ApiError && e.code === 'not_found')) {
        setTasks((prev) => {
          const next = [...prev];
          next.splice(Math.min(index, next.length), 0, task);
          return next;
        });
        setError(message(e));
      }
    }
  }

  return (
    <section aria-labelledby="tasks-heading" className="space-y-5">
      <div className="flex items-baseline justify-between">
        <h2 id="tasks-heading" className="text-lg font-semibold text-slate-900">
          Tasks
        </h2>
        <p className="text-sm text-slate-500" aria-live="polite">
          {tasks.length ? `${doneCount} of ${tasks.length} done` : ''}
        </p>
      </div>

      <form onSubmit={add} className="flex gap-2" noValidate>
        <label htmlFor={inputId} className="sr-only">
          New task
        </label>
        <Input
          id={inputId}
          ref={inputRef}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          placeholder="Add a task and press Enter"
          maxLength={200}
          autoComplete="off"
          aria-invalid={Boolean(error) && !title.trim()}
        />
        <Button type="submit" className="shrink-0">
          Add task
        </Button>
      </form>

      {error ? <FormMessage>{error}</FormMessage> : null}

      {tasks.length === 0 ? (
        <div className="rounded-xl border-2 border-dashed border-slate-200 bg-white px-6 py-12 text-center">
          <p className="font-semibold text-slate-900">No tasks yet</p>
          <p className="mt-1 text-sm text-slate-600">Break the project into small steps. Add the first one above.</p>
        </div>
      ) : (
        <ul className="divide-y divide-slate-100 overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
          {tasks.map((task) => {
            const pending = busy.has(task.id);
            const checkboxId = `task-${task.id}`;
            return (
              <li key={task.id} data-task-id={task.id} data-done={task.done} className="group flex items-center gap-3 px-4 py-3">
                <input
                  id={checkboxId}
                  type="checkbox"
                  checked={task.done}
                  disabled={pending}
                  onChange={() => void toggle(task)}
                  className="size-4.5 shrink-0 cursor-pointer rounded border-slate-300 accent-brand-600 disabled:cursor-wait"
                />
                <label
                  htmlFor={checkboxId}
                  className={`${PRIVATE_TEXT_CLASS} min-w-0 flex-1 cursor-pointer truncate text-sm transition ${task.done ? 'text-slate-500 line-through' : 'text-slate-900'}`}
                >
                  {task.title}
                </label>
                {pending ? <Spinner className="size-4 text-slate-400" /> : null}
                <button
                  type="button"
                  onClick={() => void remove(task)}
                  disabled={task.id.startsWith('temp-')}
                  className="rounded-md p-1.5 text-slate-400 opacity-60 transition hover:bg-red-50 hover:text-red-600 focus-visible:opacity-100 focus-visible:outline-2 focus-visible:outline-brand-600 group-hover:opacity-100 disabled:invisible"
                >
                  <svg viewBox="0 0 20 20" fill="currentColor" className="size-4" aria-hidden="true">
                    <path fillRule="evenodd" d="M8.75 1A2.75 2.75 0 0 0 6 3.75v.443c-.795.077-1.584.176-2.365.298a.75.75 0 1 0 .23 1.482l.149-.022.841 10.518A2.75 2.75 0 0 0 7.596 19h4.807a2.75 2.75 0 0 0 2.742-2.53l.841-10.52.149.023a.75.75 0 0 0 .23-1.482A41.03 41.03 0 0 0 14 4.193V3.75A2.75 2.75 0 0 0 11.25 1h-2.5ZM10 4c.84 0 1.673.025 2.5.075V3.75c0-.69-.56-1.25-1.25-1.25h-2.5c-.69 0-1.25.56-1.25 1.25v.325C8.327 4.025 9.16 4 10 4ZM8.58 7.72a.75.75 0 0 0-1.5.06l.3 7.5a.75.75 0 1 0 1.5-.06l-.3-7.5Zm4.34.06a.75.75 0 1 0-1.5-.06l-.3 7.5a.75.75 0 1 0 1.5.06l.3-7.5Z" clipRule="evenodd" />
                  </svg>
                  <span className="sr-only">Delete task</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
