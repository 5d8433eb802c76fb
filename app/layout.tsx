import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Orbit — plan projects your team actually finishes', template: '%s · Orbit' },
  description: 'Orbit is the calm project planner for small teams: projects, tasks and a clear view of what ships next.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh bg-white font-sans text-slate-900">{children}</body>
    </html>
  );
}
