'use client';
// The local checkout's card form. Fields are formatted as the buyer types (groups of four, `MM / YY`) and keep
// their values after a decline; the server action validates and tests the card again, so nothing here is trusted.
import { startTransition, useActionState, useState, type FormEvent } from 'react';
import { Field, FormMessage, inputClass } from '@/components/ui/field';
import { payCheckoutAction } from '@/lib/billing/actions';

function formatCardNumber(value: string): string {
  const digits = value.replace(/\D/g, '').slice(0, 19);
  // American Express groups 4-6-5; everything else in fours.
  if (/^3[47]/.test(digits)) return [digits.slice(0, 4), digits.slice(4, 10), digits.slice(10, 15)].filter(Boolean).join(' ');
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

function formatExpiry(value: string, previous: string): string {
  let digits = value.replace(/\D/g, '').slice(0, 4);
  if (digits.length === 1 && Number(digits) > 1) digits = `0${digits}`;
  // Deleting the separator should delete the month's last digit, not get stuck on " / ".
  if (value.length < previous.length && previous.endsWith(' / ') && digits.length === 2) digits = digits.slice(0, 1);
  return digits.length > 2 ? `${digits.slice(0, 2)} / ${digits.slice(2)}` : digits.length === 2 ? `${digits} / ` : digits;
}

export function CardForm({ sessionId, payLabel }: { sessionId: string; payLabel: string }) {
  const [state, action, pending] = useActionState(payCheckoutAction, null);
  const [cardNumber, setCardNumber] = useState('');
  const [expiry, setExpiry] = useState('');
  const [cvc, setCvc] = useState('');
  const [name, setName] = useState('');
  const fieldErrors = state && !state.ok ? state.error.fieldErrors : undefined;
  const formError = state && !state.ok && !fieldErrors ? state.error.message : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    // Submitting by hand keeps the typed values after a decline (a form action would reset the form).
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  }

  const invalid = (field: string) => (fieldErrors?.[field]?.length ? true : undefined);

  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate>
      <input type="hidden" name="sessionId" value={sessionId} />
      <Field label="Card number" name="cardNumber" errors={fieldErrors?.cardNumber}>
        <div className="relative">
          <input
            id="cardNumber"
            name="cardNumber"
            className={`${inputClass} py-2.5 pr-24 font-mono tracking-wide`}
            inputMode="numeric"
            autoComplete="cc-number"
            placeholder="1234 1234 1234 1234"
            value={cardNumber}
            onChange={(e) => setCardNumber(formatCardNumber(e.target.value))}
            aria-invalid={invalid('cardNumber')}
            aria-describedby={invalid('cardNumber') ? 'cardNumber-error' : undefined}
            maxLength={23}
            required
          />
          <span aria-hidden className="pointer-events-none absolute inset-y-0 right-3 flex items-center gap-1">
            <span className="rounded bg-blue-700 px-1 text-[9px] font-bold italic leading-4 text-white">VISA</span>
            <span className="flex">
              <span className="size-3.5 rounded-full bg-red-500" />
              <span className="-ml-1.5 size-3.5 rounded-full bg-amber-400/90" />
            </span>
            <span className="rounded bg-sky-700 px-1 text-[9px] font-bold leading-4 text-white">AMEX</span>
          </span>
        </div>
      </Field>
      <div className="grid grid-cols-2 gap-4">
        <Field label="Expiry" name="expiry" errors={fieldErrors?.expiry}>
          <input
            id="expiry"
            name="expiry"
            className={`${inputClass} py-2.5 font-mono`}
            inputMode="numeric"
            autoComplete="cc-exp"
            placeholder="MM / YY"
            value={expiry}
            onChange={(e) => setExpiry(formatExpiry(e.target.value, expiry))}
            aria-invalid={invalid('expiry')}
            aria-describedby={invalid('expiry') ? 'expiry-error' : undefined}
            maxLength={7}
            required
          />
        </Field>
        <Field label="CVC" name="cvc" errors={fieldErrors?.cvc}>
          <input
            id="cvc"
            name="cvc"
            className={`${inputClass} py-2.5 font-mono`}
            inputMode="numeric"
            autoComplete="cc-csc"
            placeholder="CVC"
            value={cvc}
            onChange={(e) => setCvc(e.target.value.replace(/\D/g, '').slice(0, 4))}
            aria-invalid={invalid('cvc')}
            aria-describedby={invalid('cvc') ? 'cvc-error' : undefined}
            maxLength={4}
            required
          />
        </Field>
      </div>
      <Field label="Name on card" name="name" errors={fieldErrors?.name}>
        <input
          id="name"
          name="name"
          className={`${inputClass} py-2.5`}
          autoComplete="cc-name"
          placeholder="Full name on card"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={invalid('name')}
          aria-describedby={invalid('name') ? 'name-error' : undefined}
          required
        />
      </Field>
      <FormMessage>{formError}</FormMessage>
      <button
        type="submit"
        disabled={pending}
        aria-busy={pending}
        className="flex w-full items-center justify-center gap-2 rounded-lg bg-brand-600 px-4 py-3 text-base font-semibold text-white shadow-sm transition hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:cursor-wait disabled:opacity-70"
      >
        {pending ? (
          <>
            <span aria-hidden className="size-4 animate-spin rounded-full border-2 border-white/40 border-t-white" />
            Processing…
          </>
        ) : (
          payLabel
        )}
      </button>
    </form>
  );
}
