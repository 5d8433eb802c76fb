import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Orbit — plan projects your team actually finishes', template: '%s · Orbit' },
  description: 'Orbit is the calm project planner for small teams: projects, tasks and a clear view of what ships next.',
  applicationName: 'Orbit',
  openGraph: {
    type: 'website',
    siteName: 'Orbit',
    title: 'Orbit — plan projects your team actually finishes',
    description: 'The calm project planner for small teams: projects, tasks and a clear view of what ships next.',
  },
};

export const viewport: Viewport = {
  themeColor: '#4f46e5',
  colorScheme: 'light',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh bg-white font-sans text-slate-900">{children}</body>
    </html>
  );
}
