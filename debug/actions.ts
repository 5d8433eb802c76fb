'use server';
// Server action of the debug surface: fails on purpose through the mutation wrapper (see debug/errors.ts).
import 'server-only';
import { z } from 'zod';
import { devSurfaceEnabled } from '@/lib/dev-surfaces';
import { AppError } from '@/lib/server/errors';
import { defineAction, type MutationResult } from '@/lib/server/mutation';
import { debugError } from './errors';

const boom = defineAction(
  { name: 'dev.boom', input: z.object({ marker: z.string().max(100).default('') }), auth: 'user' },
  async (input) => {
    throw debugError('server-action', input.marker);
  },
  false,
);

// A server action is callable by its id from any page, so the gate is here, before the wrapper: outside local mode
// the action does not exist (no failure runs, nothing reaches Sentry, no analytics event).
export async function debugServerActionError(marker: string): Promise<MutationResult<never>> {
  if (!devSurfaceEnabled('debug-errors')) return { ok: false, error: new AppError('not_found', 'Not found.').toBody() };
  return boom(null, { marker });
}
