// Fictional customers, drawn as simple wordmarks so the strip feels real without borrowing anyone's logo.
import type { ReactNode } from 'react';

const marks: { name: string; glyph: ReactNode; className: string }[] = [
  {
    name: 'Northwind',
    className: 'font-semibold tracking-tight',
    glyph: <path d="M4 20V4l16 16V4" strokeWidth="2.4" fill="none" stroke="currentColor" strokeLinejoin="round" />,
  },
  {
    name: 'Lumen',
    className: 'font-light tracking-[0.2em] uppercase',
    glyph: <circle cx="12" cy="12" r="7" fill="none" stroke="currentColor" strokeWidth="2.4" />,
  },
  {
    name: 'fieldnote',
    className: 'font-medium italic',
    glyph: <path d="M5 19 19 5M9 5h10v10" strokeWidth="2.4" fill="none" stroke="currentColor" strokeLinecap="round" />,
  },
  {
    name: 'Harbor&Co',
    className: 'font-bold tracking-tight',
    glyph: <path d="M3 15c3 0 3-3 6-3s3 3 6 3 3-3 6-3M3 20c3 0 3-3 6-3s3 3 6 3 3-3 6-3" strokeWidth="2" fill="none" stroke="currentColor" />,
  },
  {
    name: 'Kestrel',
    className: 'font-semibold',
    glyph: <path d="M3 16 12 5l9 11-9-4z" fill="currentColor" />,
  },
  {
    name: 'QUARRY',
    className: 'font-black tracking-widest',
    glyph: <rect x="4" y="4" width="16" height="16" rx="3" fill="none" stroke="currentColor" strokeWidth="2.4" />,
  },
];

export function SocialProof() {
  return (
    <section aria-labelledby="social-proof-title" className="border-y border-slate-200/70 bg-slate-50/50">
      <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6 lg:px-8">
        <h2 id="social-proof-title" className="text-center text-sm font-medium text-slate-500">
          Small teams at 1,200+ companies plan their week in Orbit
        </h2>
        <ul className="mt-7 grid grid-cols-2 items-center gap-x-8 gap-y-6 sm:grid-cols-3 lg:grid-cols-6">
          {marks.map((m) => (
            <li key={m.name} className="flex items-center justify-center gap-2 text-slate-500">
              <svg viewBox="0 0 24 24" className="size-5" aria-hidden="true" focusable="false">
                {m.glyph}
              </svg>
              <span className={`text-lg ${m.className}`}>{m.name}</span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
