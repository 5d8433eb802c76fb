'use server';
// Profile settings: the signed-in user's display name.
import 'server-only';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { track } from '@/lib/analytics/server/mutation-events';
import { defineAction } from '@/lib/server/mutation';
import { updateDisplayName } from './profile';
import { personNameSchema } from './schemas';

export const updateProfileAction = defineAction(
  { name: 'user.update_profile', input: z.object({ name: personNameSchema }), auth: 'user' },
  async (input, ctx) => {
    const result = await updateDisplayName(ctx.user.id, input.name);
    revalidatePath('/', 'layout');
    return result;
  },
  () => track('settings.profile_updated', { fields: ['name'] }),
);
