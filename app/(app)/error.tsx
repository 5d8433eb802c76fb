'use client';
// Error boundary of (app): reports the error once and offers a retry (components/errors/error-view.tsx).
import { ErrorView } from '@/components/errors/error-view';

export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorView error={error} reset={reset} boundary="app" />;
}
