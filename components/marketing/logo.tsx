import Link from 'next/link';
import { useId } from 'react';

/** Orbit's mark: a planet with a tilted ring and a small moon — drawn inline so the site needs no image requests. */
export function OrbitMark({ className = 'size-7' }: { className?: string }) {
  // Header and footer both draw the mark; each needs its own gradient id.
  const fillId = useId();
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true" focusable="false">
      <defs>
        <linearGradient id={fillId} x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#818cf8" />
          <stop offset="1" stopColor="#4338ca" />
        </linearGradient>
      </defs>
      <rect width="32" height="32" rx="9" fill={`url(#${fillId})`} />
      <ellipse cx="16" cy="16" rx="11" ry="5.2" fill="none" stroke="#fff" strokeOpacity="0.55" strokeWidth="1.6" transform="rotate(-28 16 16)" />
      <circle cx="16" cy="16" r="4.6" fill="#fff" />
      <circle cx="25.2" cy="11.2" r="1.9" fill="#fff" />
    </svg>
  );
}

export function Logo({ href = '/' }: { href?: string }) {
  return (
    <Link
      href={href}
      className="inline-flex items-center gap-2 rounded-md text-lg font-semibold tracking-tight text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-brand-600"
      aria-label="Orbit home"
    >
      <OrbitMark />
      <span>Orbit</span>
    </Link>
  );
}
