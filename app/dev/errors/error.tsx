'use client';
// Error boundary of /dev/errors: the same recovery screen as the app's (components/errors/error-view.tsx).
import { ErrorView } from '@/components/errors/error-view';

export default function DevErrorsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorView error={error} reset={reset} boundary="dev" />;
}
