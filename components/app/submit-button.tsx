'use client';
// A submit button that shows its form is pending (React's useFormStatus), with an optional `intent` value.
import { useFormStatus } from 'react-dom';
import type { ComponentProps } from 'react';
import { Button } from '@/components/ui/button';

export function SubmitButton({
  children,
  pendingLabel,
  ...props
}: ComponentProps<typeof Button> & { pendingLabel?: string }) {
  const { pending, data } = useFormStatus();
  // With several submit buttons (Continue / Skip), only the one that was pressed shows the pending label.
  const pressed = pending && (props.name === undefined || data?.get(props.name) === props.value);
  return (
    <Button type="submit" disabled={pending} aria-busy={pressed || undefined} {...props}>
      {pressed ? <Spinner /> : null}
      {pressed && pendingLabel ? pendingLabel : children}
    </Button>
  );
}

export function Spinner({ className = 'size-4' }: { className?: string }) {
  return (
    <svg className={`animate-spin ${className}`} viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <circle cx="12" cy="12" r="9" stroke="currentColor" strokeOpacity="0.25" strokeWidth="3" />
      <path d="M21 12a9 9 0 0 0-9-9" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}
