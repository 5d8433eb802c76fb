// Product clicks, delegated: one capture-phase listener instead of a client component per link. Marketing CTAs carry
// `data-cta-id`; a pricing card (`data-plan`) counts as a plan choice unless its link leads into the app itself.
import { track } from './index';
import type { TelemetryState } from './state';

/** Links out of a pricing card that are not a plan choice: the signed-in user's way back into the app. */
const INTO_THE_APP = /^\/(dashboard|billing)/;

export function startClickRules(state: TelemetryState): void {
  document.addEventListener(
    'click',
    (event) => {
      const target = event.target instanceof Element ? event.target : null;
      const cta = target?.closest<HTMLElement>('[data-cta-id]');
      if (cta?.dataset.ctaId) {
        const href = cta.getAttribute('href');
        track('marketing.cta_clicked', {
          cta_id: cta.dataset.ctaId as never,
          path: location.pathname,
          ...(href?.startsWith('/') ? { destination: new URL(href, location.href).pathname } : {}),
        });
      }
      const action = target?.closest('a, button');
      const card = action?.closest<HTMLElement>('[data-plan]');
      const destination = action?.getAttribute('href') ?? '';
      if (card?.dataset.plan && !INTO_THE_APP.test(destination)) {
        track('pricing.plan_selected', {
          plan: card.dataset.plan as never,
          location: location.pathname.startsWith('/billing') ? 'billing_page' : 'pricing_page',
          signed_in: state.bootstrap?.props.auth_state === 'authenticated',
        });
      }
    },
    { capture: true },
  );
}
