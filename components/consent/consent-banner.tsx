'use client';
// The analytics consent banner. Opt-in mode: nothing is captured or stored until "Accept"; opt-out mode: a notice
// with a way to refuse. It only reports the answer to browser telemetry (`chooseConsent`, lib/telemetry/browser),
// which stores it in the `orbit_consent` cookie and starts or stops PostHog. Hidden with GPC / Do Not Track.
import { usePathname } from 'next/navigation';
import { useState, useSyncExternalStore } from 'react';
import { chooseConsent } from '@/lib/telemetry/browser';
import { parseConsentChoice, readBrowserSignals, shouldShowBanner, type ConsentChoice, type ConsentMode } from '@/lib/telemetry/browser/consent';
import { isUntrackedPath } from '@/lib/telemetry/browser/untracked';

const noSubscription = () => () => undefined;

export function ConsentBanner({ mode }: { mode: ConsentMode }) {
  // Decided in the browser (the answer lives in a cookie, the signals in navigator); the server renders nothing.
  const ask = useSyncExternalStore(
    noSubscription,
    () => shouldShowBanner({ mode, choice: parseConsentChoice(document.cookie), ...readBrowserSignals() }),
    () => false,
  );
  const [answered, setAnswered] = useState(false);
  // Developer tools under /dev (the inbox) are never tracked, so there is nothing to consent to there.
  const untracked = isUntrackedPath(usePathname());
  if (!ask || answered || untracked) return null;

  const answer = (choice: ConsentChoice) => {
    chooseConsent(choice);
    setAnswered(true);
  };
  const optIn = mode === 'opt-in';
  return (
    <section
      role="region"
      aria-label="Analytics consent"
      data-testid="consent-banner"
      className="ph-no-capture fixed bottom-4 left-4 z-50 w-[calc(100%-2rem)] max-w-sm rounded-xl bg-white p-4 text-sm text-slate-700 shadow-float ring-1 ring-slate-200"
    >
      <p>
        {optIn
          ? 'May Orbit use privacy-friendly analytics and session recordings (inputs masked) to improve the product?'
          : 'Orbit uses privacy-friendly analytics and session recordings (inputs masked) to improve the product.'}
      </p>
      <div className="mt-3 flex justify-end gap-2">
        <button type="button" onClick={() => answer('denied')} className="rounded-md px-3 py-1.5 font-medium text-slate-600 hover:bg-slate-100">
          {optIn ? 'Decline' : 'Opt out'}
        </button>
        <button type="button" onClick={() => answer('granted')} className="rounded-md bg-brand-600 px-3 py-1.5 font-semibold text-white hover:bg-brand-700">
          {optIn ? 'Accept' : 'OK'}
        </button>
      </div>
    </section>
  );
}
