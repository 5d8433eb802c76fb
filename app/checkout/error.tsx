'use client';
// Error boundary of checkout: reports the error once and offers a retry (components/errors/error-view.tsx).
import { ErrorView } from '@/components/errors/error-view';

export default function CheckoutError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorView error={error} reset={reset} boundary="checkout" />;
}
