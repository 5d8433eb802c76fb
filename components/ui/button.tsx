import Link from 'next/link';
import type { ComponentProps } from 'react';

const base =
  'inline-flex items-center justify-center gap-2 whitespace-nowrap rounded-lg font-semibold transition-[background-color,box-shadow,color,transform] duration-150 select-none focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 active:translate-y-px disabled:pointer-events-none disabled:cursor-not-allowed disabled:opacity-60';

const variants = {
  primary:
    'bg-brand-600 text-white shadow-sm shadow-brand-900/20 inset-shadow-[0_1px_0_rgb(255_255_255/0.15)] hover:bg-brand-700',
  secondary: 'bg-white text-slate-900 shadow-xs ring-1 ring-inset ring-slate-300 hover:bg-slate-50 hover:ring-slate-400',
  ghost: 'text-slate-700 hover:bg-slate-100 hover:text-slate-900',
  danger: 'bg-red-600 text-white shadow-sm hover:bg-red-700 focus-visible:outline-red-600',
} as const;

// Padding and type size live only here so a size never competes with a base class in the generated CSS.
const sizes = { sm: 'px-3 py-1.5 text-xs', md: 'px-4 py-2 text-sm', lg: 'px-5 py-2.5 text-base' } as const;

export type ButtonVariant = keyof typeof variants;
type Style = { variant?: ButtonVariant; size?: keyof typeof sizes };

export function buttonClass({ variant = 'primary', size = 'md' }: Style = {}, extra = ''): string {
  return `${base} ${variants[variant]} ${sizes[size]} ${extra}`.trim();
}

export function Button({ variant, size, className = '', ...props }: ComponentProps<'button'> & Style) {
  return <button className={buttonClass({ variant, size }, className)} {...props} />;
}

export function ButtonLink({ variant, size, className = '', ...props }: ComponentProps<typeof Link> & Style) {
  return <Link className={buttonClass({ variant, size }, className)} {...props} />;
}
