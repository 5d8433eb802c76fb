// Orbit's hosted checkout for the local billing provider: order summary on the left, card form on the right.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { CardForm } from '@/components/billing/card-form';
import { OrderSummary } from '@/components/billing/order-summary';
import { buttonClass } from '@/components/ui/button';
import { getCheckoutForPayer } from '@/lib/billing/checkout';
import { billingProvider } from '@/lib/env';
import { addOneMonth } from '@/lib/billing/events';
import { PRIVATE_TEXT_CLASS } from '@/lib/telemetry/browser/privacy';
import { formatUsd, isPaidPlan, planAmountCents } from '@/lib/billing/plans';
import { getCurrentWorkspace } from '@/lib/auth/session';
import { identifyCaller } from '@/lib/auth/guards';
import { idSegment, pageSegment } from '@/lib/server/path-segment';

export const metadata: Metadata = { title: 'Checkout', robots: { index: false } };

export default async function CheckoutPage({ params }: { params: Promise<{ session: string }> }) {
  const sessionId = pageSegment(idSegment, (await params).session);
  if (sessionId === null) notFound();
  const user = await identifyCaller();
  if (!user) redirect(`/login?next=${encodeURIComponent(`/checkout/${sessionId}`)}`);
  const workspace = await getCurrentWorkspace(user.id);
  if (!workspace) redirect('/onboarding');
  const session = await getCheckoutForPayer(sessionId, { userId: user.id, workspaceId: workspace.id });
  if (!session || session.provider !== 'local' || billingProvider !== 'local' || !isPaidPlan(session.plan)) notFound();

  const paid = session.status === 'complete';
  return (
    <div className="min-h-dvh bg-white lg:bg-[linear-gradient(90deg,var(--color-slate-50)_50%,white_50%)]">
      <div className="mx-auto grid max-w-5xl gap-10 px-6 py-10 lg:grid-cols-2 lg:gap-20 lg:py-16">
        <div className="space-y-10 lg:pr-4">
          <div className="flex items-center gap-3">
            <Link href="/billing" className="flex items-center gap-2 text-sm text-slate-600 hover:text-slate-900">
              <span aria-hidden>←</span>
              <span className="flex items-center gap-2 font-semibold text-slate-900">
                <span aria-hidden className="grid size-6 place-items-center rounded-full bg-brand-600 text-[11px] font-bold text-white">
                  O
                </span>
                Orbit
              </span>
            </Link>
            <span className="rounded bg-amber-100 px-1.5 py-0.5 text-[11px] font-semibold uppercase tracking-wide text-amber-800">
              Test mode
            </span>
          </div>
          <OrderSummary plan={session.plan} renewsOn={addOneMonth(session.createdAt)} />
        </div>

        <main className="lg:pt-14">
          {paid ? (
            <div role="status" className="space-y-4 rounded-xl bg-emerald-50 p-6 ring-1 ring-emerald-200">
              <h1 className="text-lg font-semibold text-emerald-900">This checkout is already paid</h1>
              <p className="text-sm text-emerald-800">Your workspace <span className={PRIVATE_TEXT_CLASS}>{workspace.name}</span> is subscribed. Nothing more to do here.</p>
              <Link href="/billing" className={buttonClass()}>
                Go to billing
              </Link>
            </div>
          ) : (
            <div className="space-y-6">
              <div className="space-y-1">
                <h1 className="text-xl font-semibold text-slate-900">Pay with card</h1>
                <p className="text-sm text-slate-500">
                  Billing <span className={`${PRIVATE_TEXT_CLASS} font-medium text-slate-700`}>{workspace.name}</span> · receipt to <span className={PRIVATE_TEXT_CLASS}>{user.email}</span>
                </p>
              </div>
              {session.status === 'failed' ? (
                <p className="rounded-lg bg-slate-50 px-3 py-2 text-xs text-slate-600 ring-1 ring-slate-200">
                  Your last attempt did not go through. You can try again with another card.
                </p>
              ) : null}
              <CardForm sessionId={session.id} payLabel={`Pay ${formatUsd(planAmountCents(session.plan))}`} />
              <div className="rounded-lg border border-dashed border-slate-300 px-4 py-3 text-xs leading-relaxed text-slate-600">
                <p className="font-semibold text-slate-700">Test cards</p>
                <p>
                  <span className="font-mono">4242 4242 4242 4242</span> succeeds ·{' '}
                  <span className="font-mono">4000 0000 0000 0002</span> is declined. Any future expiry, any 3-digit CVC.
                </p>
              </div>
              <p className="flex items-center justify-center gap-1.5 text-xs text-slate-500">
                <svg aria-hidden viewBox="0 0 16 16" className="size-3.5 fill-current">
                  <path d="M8 1a3.5 3.5 0 0 0-3.5 3.5V6H4a1.5 1.5 0 0 0-1.5 1.5v6A1.5 1.5 0 0 0 4 15h8a1.5 1.5 0 0 0 1.5-1.5v-6A1.5 1.5 0 0 0 12 6h-.5V4.5A3.5 3.5 0 0 0 8 1Zm2 5H6V4.5a2 2 0 1 1 4 0V6Z" />
                </svg>
                Secure test checkout by Orbit Billing · no real card is charged
              </p>
            </div>
          )}
        </main>
      </div>
    </div>
  );
}
