// /dev/errors — the debug surface (lib/dev-surfaces.ts, local mode only): buttons that fail on purpose in each
// layer, to see Sentry's capture end to end. Signed-in, so every failure carries a user.
import { DebugErrors } from '@/debug/debug-errors';
import { debugError } from '@/debug/errors';
import { requireUser } from '@/lib/auth/guards';
import { requireDevSurface } from '@/lib/dev-surfaces';

export const metadata = { title: 'Debug errors' };

export default async function DevErrorsPage({ searchParams }: { searchParams: Promise<{ kind?: string; marker?: string }> }) {
  requireDevSurface('debug-errors');
  await requireUser('/dev/errors');
  const { kind, marker } = await searchParams;
  if (kind === 'server-component') throw debugError('server-component', marker);
  return <DebugErrors />;
}
