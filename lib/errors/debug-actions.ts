'use server';
// Server action of the local debug surface: fails on purpose through the mutation wrapper (see lib/errors/debug.ts).
import 'server-only';
import { z } from 'zod';
import { localInbox } from '@/lib/env';
import { defineAction, type MutationResult } from '@/lib/server/mutation';
import { debugError } from './debug';

const boom = defineAction(
  { name: 'dev.boom', input: z.object({ marker: z.string().max(100).default('') }), auth: 'user' },
  async (input) => {
    if (!localInbox) throw new Error('The debug surface is only available in local mode.');
    throw debugError('server-action', input.marker);
  },
  false,
);

export async function debugServerActionError(marker: string): Promise<MutationResult<never>> {
  return boom(null, { marker });
}
