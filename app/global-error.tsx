'use client';
// Last-resort boundary (an error in the root layout): replaces the whole document, so it renders <html> itself.
import { ErrorView } from '@/components/errors/error-view';
import './globals.css';

export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-dvh bg-white font-sans text-slate-900">
        <ErrorView error={error} reset={reset} boundary="global" />
      </body>
    </html>
  );
}
