const tones = {
  indigo: 'bg-brand-100 text-brand-700',
  emerald: 'bg-emerald-100 text-emerald-700',
  amber: 'bg-amber-100 text-amber-800',
  rose: 'bg-rose-100 text-rose-700',
  sky: 'bg-sky-100 text-sky-700',
  violet: 'bg-violet-100 text-violet-700',
} as const;

export type AvatarTone = keyof typeof tones;

/** Initials in a tinted circle — the fictional people in the product mock and testimonials. */
export function Avatar({ initials, tone, className = 'size-6 text-[9px]' }: { initials: string; tone: AvatarTone; className?: string }) {
  return (
    <span
      className={`inline-flex shrink-0 items-center justify-center rounded-full font-semibold ring-2 ring-white ${tones[tone]} ${className}`}
      aria-hidden="true"
    >
      {initials}
    </span>
  );
}
