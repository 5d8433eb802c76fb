// The JSON shape of a project as the API and the pages hand it to the browser (dates as ISO strings).
// No server-only import: client components and the API client share these types.
import { z } from 'zod';

export type ProjectDto = {
  id: string;
  name: string;
  description: string;
  createdAt: string;
  updatedAt: string;
};

/** A project with its task counts, as the dashboard lists it. */
export type ProjectSummaryDto = ProjectDto & { taskCount: number; doneCount: number };

export const projectNameSchema = z
  .string({ error: 'Enter a project name.' })
  .trim()
  .min(1, 'Enter a project name.')
  .max(80, 'Keep the project name under 80 characters.');

export const projectDescriptionSchema = z.string().trim().max(500, 'Keep the description under 500 characters.');
