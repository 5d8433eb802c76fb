// /dev/errors — local mode only: buttons that fail on purpose in each layer, to see Sentry's capture end to end.
import { DebugErrors } from '@/components/errors/debug-errors';
import { debugError, requireDebugSurface } from '@/lib/monitoring/server/debug';

export const metadata = { title: 'Debug errors' };

export default async function DevErrorsPage({ searchParams }: { searchParams: Promise<{ kind?: string; marker?: string }> }) {
  requireDebugSurface();
  const { kind, marker } = await searchParams;
  if (kind === 'server-component') throw debugError('server-component', marker);
  return <DebugErrors />;
}
