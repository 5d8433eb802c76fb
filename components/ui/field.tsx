import type { ComponentProps, ReactNode } from 'react';

export const inputClass =
  'block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs ring-1 ring-inset ring-slate-300 transition-shadow placeholder:text-slate-400 hover:ring-slate-400 focus:outline-none focus:ring-2 focus:ring-inset focus:ring-brand-600 disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-500 aria-[invalid=true]:ring-red-500';

export function Input({ className = '', ...props }: ComponentProps<'input'>) {
  return <input className={`${inputClass} ${className}`} {...props} />;
}

export function Select({ className = '', ...props }: ComponentProps<'select'>) {
  return <select className={`${inputClass} ${className}`} {...props} />;
}

/** A labelled form field with its validation messages (ids wired for screen readers). */
export function Field({
  label,
  name,
  errors,
  hint,
  children,
}: {
  label: string;
  name: string;
  errors?: string[] | undefined;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={name} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint && !errors?.length ? <p className="text-xs text-slate-500">{hint}</p> : null}
      {errors?.map((e) => (
        <p key={e} id={`${name}-error`} className="text-xs font-medium text-red-600">
          {e}
        </p>
      ))}
    </div>
  );
}

/**
 * A form-level message: errors in red (role=alert), success in green (role=status). `inline` is the small line under
 * a single button (checkout, billing portal, delete) instead of a boxed message above a form.
 */
export function FormMessage({
  tone = 'error',
  inline = false,
  children,
}: {
  tone?: 'error' | 'success';
  inline?: boolean;
  children: ReactNode;
}) {
  if (!children) return null;
  if (inline) {
    return (
      <p role={tone === 'error' ? 'alert' : 'status'} className={`text-xs font-medium ${tone === 'error' ? 'text-red-600' : 'text-emerald-700'}`}>
        {children}
      </p>
    );
  }
  const cls = tone === 'error' ? 'bg-red-50 text-red-700 ring-red-200' : 'bg-emerald-50 text-emerald-700 ring-emerald-200';
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={`rounded-lg px-3 py-2 text-sm ring-1 ring-inset ${cls}`}>
      {children}
    </div>
  );
}
