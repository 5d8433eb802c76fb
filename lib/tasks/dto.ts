// The JSON shape of a task as the API and the project page hand it to the browser (dates as ISO strings).
// No server-only import: client components and the API client share these types.
import { z } from 'zod';

export type TaskDto = {
  id: string;
  projectId: string;
  title: string;
  done: boolean;
  completedAt: string | null;
  createdAt: string;
};

export const taskTitleSchema = z
  .string({ error: 'Enter a task title.' })
  .trim()
  .min(1, 'Enter a task title.')
  .max(200, 'Keep the task title under 200 characters.');
