import type { ComponentProps } from 'react';

export function Card({ className = '', ...props }: ComponentProps<'div'>) {
  return <div className={`rounded-xl bg-white p-6 shadow-soft ring-1 ring-slate-200/80 ${className}`} {...props} />;
}
