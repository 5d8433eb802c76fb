// Orbit's event catalog: the single source of truth for every product event the browser and the server send to
// PostHog. One entry per event (a zod schema, an example, who owns it, where it is emitted); the TypeScript types,
// the runtime validation (validate.ts), docs/event-catalog.md (`npm run analytics:catalog`) and the funnel
// definitions are all derived from it. Adding an event is one entry in `catalog` below.
//
// No server-only import and no Node APIs: the browser SDK loads this lazily, the server imports it directly.
// Values only come from dependency-free modules (enums, plans, flags, steps, error codes), never from Drizzle.
import './zod-browser';
import { z } from 'zod';
import { PAID_PLANS } from '@/lib/billing/plans';
import { JOB_ROLES, MEMBER_ROLES, PLANS, SUBSCRIPTION_STATUSES } from '@/lib/db/schema/enums';
import { FLAGS } from '@/lib/flags/definitions';
import { ONBOARDING_STEPS } from '@/lib/onboarding/steps';
import { STATUS, type ErrorCode } from '@/lib/server/errors';

/** The one naming rule: `scope.action`, both lowercase snake words. */
export const EVENT_NAME_PATTERN = /^[a-z]+(_[a-z]+)*\.[a-z]+(_[a-z]+)*$/;

/** Property keys that must never appear in an event, at any depth (matched per snake-case word). */
export const FORBIDDEN_PROPERTY_WORDS = ['email', 'mail', 'password', 'passwd', 'card', 'cvc', 'cvv', 'pan', 'iban', 'ip', 'token', 'secret', 'phone', 'ssn'] as const;

type EventOwner = 'growth' | 'product' | 'billing' | 'platform';
type EmittedFrom = 'web' | 'server' | 'both';
/** Funnel stages an event belongs to; funnel definitions (lib/analytics/insights/funnels.ts) pick their steps among these. */
export type FunnelTag = 'acquisition' | 'activation' | 'revenue' | 'onboarding' | 'checkout';

/** Every event's properties are a strict object: unknown keys are rejected, so nothing unvetted sneaks in. */
export type EventSchema = z.ZodObject<z.ZodRawShape, z.core.$strict>;

export type EventDefinition<S extends EventSchema = EventSchema> = {
  /** One line, shown in the docs. */
  description: string;
  owner: EventOwner;
  emittedFrom: EmittedFrom;
  funnels?: readonly FunnelTag[];
  schema: S;
  /** A valid payload: the docs show it and a unit test validates it. */
  example: z.input<S>;
  /**
   * Why the end-to-end run cannot see this event (it needs an outage, a full queue, a failing handler…), and which
   * test proves it is sent instead. Without it, e2e/catalog-coverage.scan.ts fails when the run never received it.
   */
  notEmittedInE2E?: string;
};

function defineEvent<S extends EventSchema>(definition: EventDefinition<S>): EventDefinition<S> {
  return definition;
}

// ---- Shared property schemas. Strings are ids, enums or patterns, never free text that could carry PII. ----

/** Prefixed ids (`ws_…`, `cs_local_…`) and Better Auth's random ids; at least one letter, so a card number is not an id. */
const id = (what: string) =>
  z
    .string()
    .regex(/^(?=[^A-Za-z]*[A-Za-z])[A-Za-z0-9_-]{1,64}$/)
    .describe(`${what} id`);
const snakeId = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
/** A path without query or fragment (`/pricing`, `/api/projects/[id]`): query strings may carry tokens. */
const pathSchema = z.string().max(200).regex(/^\/[A-Za-z0-9\-._~/[\]]*$/);
/** Mutation names as lib/server/mutation.ts defines them: `project.create`, `billing.checkout.start`. */
const operationSchema = z
  .string()
  .max(80)
  .regex(/^[a-z]+(_[a-z]+)*(\.[a-z]+(_[a-z]+)*)+$/)
  .describe('Mutation name from defineAction/defineRoute, e.g. `project.create`');
/** UTM values are chosen by whoever wrote the link: short, no `@`, and some letters, so no address or number slips in. */
const utm = (param: string) =>
  z
    .string()
    .max(100)
    .regex(/^(?=[^A-Za-z]*[A-Za-z])[\w\-.+ %]+$/)
    .optional()
    .describe(`\`${param}\` of the entry URL`);

/** What the task events carry: the task, its project and workspace (never the title). */
const taskOfProject = z.strictObject({ task_id: id('Task'), project_id: id('Project'), workspace_id: id('Workspace') });
const TASK_OF_PROJECT = { task_id: 'tsk_Ab3dE5fG7hJ9kL1mN3pQ', project_id: 'prj_Hk2m4n6P8q0R2s4T6u8V', workspace_id: 'ws_Yc1n0p2QeR5sT7uV9wX1' };

// The object's keys are the ErrorCode union; Object.keys widens them to string.
const ERROR_CODES = Object.keys(STATUS) as ErrorCode[];
const errorCode = z.enum(ERROR_CODES);
const plan = z.enum(PLANS).describe('Plan id');
const paidPlan = z.enum(PAID_PLANS).describe('Paid plan id');
const onboardingStep = z.enum(ONBOARDING_STEPS).describe('Onboarding step');
const billingProvider = z.enum(['local', 'stripe']).describe('Billing provider that handled it');
const method = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']).describe('HTTP method');
const source = <const T extends readonly [string, ...string[]]>(values: T, what: string) => z.enum(values).describe(what);

/** The `data-cta-id` values of the marketing pages (components/marketing). */
const CTA_IDS = [
  'hero_start_free',
  'hero_see_pricing',
  'teaser_compare_plans',
  'pricing_start_free',
  'landing_create_workspace',
  'landing_dashboard',
  'pricing_create_workspace',
  'pricing_dashboard',
] as const;

const FLAG_KEYS = FLAGS.map((flag) => flag.key);

// ---- The catalog ----

export const catalog = {
  // marketing
  'marketing.visit_landing': defineEvent({
    description: 'A visitor lands on a marketing page as the first page of a session.',
    owner: 'growth',
    emittedFrom: 'web',
    funnels: ['acquisition'],
    schema: z.strictObject({
      path: pathSchema.describe('Entry path, without query string'),
      referrer_domain: z
        .string()
        .max(253)
        .regex(/^(direct|([a-z0-9-]+\.)+[a-z][a-z0-9-]*)$/)
        .describe('Referrer host name (not an IP address), or `direct`'),
      utm_source: utm('utm_source'),
      utm_medium: utm('utm_medium'),
      utm_campaign: utm('utm_campaign'),
      utm_content: utm('utm_content'),
      utm_term: utm('utm_term'),
    }),
    example: { path: '/', referrer_domain: 'news.ycombinator.com', utm_source: 'newsletter', utm_medium: 'email' },
  }),
  'marketing.cta_clicked': defineEvent({
    description: 'A call-to-action link on a marketing page is clicked (its `data-cta-id`).',
    owner: 'growth',
    emittedFrom: 'web',
    funnels: ['acquisition'],
    schema: z.strictObject({
      cta_id: z.enum(CTA_IDS).describe('`data-cta-id` of the clicked element'),
      path: pathSchema.describe('Page the CTA was clicked on'),
      destination: pathSchema.optional().describe('Path the CTA leads to'),
    }),
    example: { cta_id: 'hero_start_free', path: '/', destination: '/signup' },
  }),

  // auth
  'auth.signup_started': defineEvent({
    description: 'The sign-up form is shown to a signed-out visitor.',
    owner: 'growth',
    emittedFrom: 'web',
    funnels: ['acquisition'],
    schema: z.strictObject({
      method: z.enum(['email']).describe('Sign-up method'),
      plan: paidPlan.optional().describe('Paid plan chosen on the pricing page before signing up (`?plan=`)'),
    }),
    example: { method: 'email', plan: 'pro' },
  }),
  'auth.signed_up': defineEvent({
    description: "An account is created (sent by the server, which also aliases the browser's anonymous id).",
    owner: 'growth',
    emittedFrom: 'server',
    funnels: ['acquisition', 'activation'],
    schema: z.strictObject({
      method: z.enum(['email']).describe('Sign-up method'),
      user_id: id('User'),
    }),
    example: { method: 'email', user_id: 'usr_4fK2pQ9xT1aB7cD3eF5gH8' },
  }),
  'auth.logged_in': defineEvent({
    description: 'A user logs in.',
    owner: 'growth',
    emittedFrom: 'server',
    schema: z.strictObject({
      method: z.enum(['email']).describe('Log-in method'),
      user_id: id('User'),
    }),
    example: { method: 'email', user_id: 'usr_4fK2pQ9xT1aB7cD3eF5gH8' },
  }),
  'auth.logged_out': defineEvent({
    description: 'A user logs out; the browser resets to a new anonymous id right after.',
    owner: 'growth',
    emittedFrom: 'web',
    schema: z.strictObject({}),
    example: {},
  }),

  // onboarding
  'onboarding.step_viewed': defineEvent({
    description: 'An onboarding step is shown.',
    owner: 'growth',
    emittedFrom: 'web',
    funnels: ['onboarding'],
    schema: z.strictObject({ step: onboardingStep }),
    example: { step: 'profile' },
  }),
  'onboarding.step_completed': defineEvent({
    description: 'An onboarding step is submitted and saved.',
    owner: 'growth',
    emittedFrom: 'server',
    funnels: ['onboarding', 'activation'],
    schema: z.strictObject({
      step: onboardingStep,
      job_role: z.enum(JOB_ROLES).optional().describe('Role chosen on the `profile` step'),
      workspace_id: id('Workspace').optional().describe('Workspace created on the `workspace` step'),
      project_id: id('Project').optional().describe('Project created on the `project` step'),
    }),
    example: { step: 'profile', job_role: 'engineering' },
  }),
  'onboarding.step_skipped': defineEvent({
    description: 'An optional onboarding step is skipped (the workspace step cannot be).',
    owner: 'growth',
    emittedFrom: 'server',
    funnels: ['onboarding'],
    schema: z.strictObject({ step: z.enum(ONBOARDING_STEPS).exclude(['workspace']).describe('Skipped step') }),
    example: { step: 'project' },
  }),
  'onboarding.completed': defineEvent({
    description: 'The last onboarding step is done (sent once per user, the activation milestone); the user reaches the dashboard.',
    owner: 'growth',
    emittedFrom: 'server',
    funnels: ['onboarding', 'activation'],
    schema: z.strictObject({
      skipped_steps: z.array(onboardingStep).max(ONBOARDING_STEPS.length).describe('Steps skipped on the way'),
      workspace_id: id('Workspace'),
    }),
    example: { skipped_steps: ['profile'], workspace_id: 'ws_Yc1n0p2QeR5sT7uV9wX1' },
  }),

  // workspace
  'workspace.created': defineEvent({
    description: 'A workspace is created (onboarding).',
    owner: 'product',
    emittedFrom: 'server',
    funnels: ['activation'],
    schema: z.strictObject({ workspace_id: id('Workspace') }),
    example: { workspace_id: 'ws_Yc1n0p2QeR5sT7uV9wX1' },
  }),
  'workspace.renamed': defineEvent({
    description: 'A workspace is renamed in settings (the name itself is not sent).',
    owner: 'product',
    emittedFrom: 'server',
    schema: z.strictObject({ workspace_id: id('Workspace') }),
    example: { workspace_id: 'ws_Yc1n0p2QeR5sT7uV9wX1' },
  }),

  // project
  'project.created': defineEvent({
    description: 'A project is created (the name itself is not sent).',
    owner: 'product',
    emittedFrom: 'server',
    funnels: ['activation'],
    schema: z.strictObject({
      project_id: id('Project'),
      workspace_id: id('Workspace'),
      source: source(['onboarding', 'dashboard', 'api'], 'Where it was created'),
    }),
    example: { project_id: 'prj_Hk2m4n6P8q0R2s4T6u8V', workspace_id: 'ws_Yc1n0p2QeR5sT7uV9wX1', source: 'dashboard' },
  }),
  'project.deleted': defineEvent({
    description: 'A project and its tasks are deleted.',
    owner: 'product',
    emittedFrom: 'server',
    schema: z.strictObject({
      project_id: id('Project'),
      workspace_id: id('Workspace'),
      task_count: z.int().min(0).optional().describe('Tasks deleted with it'),
    }),
    example: { project_id: 'prj_Hk2m4n6P8q0R2s4T6u8V', workspace_id: 'ws_Yc1n0p2QeR5sT7uV9wX1', task_count: 4 },
  }),

  // task
  'task.created': defineEvent({
    description: 'A task is added to a project (the title itself is not sent).',
    owner: 'product',
    emittedFrom: 'server',
    funnels: ['activation'],
    schema: taskOfProject,
    example: TASK_OF_PROJECT,
  }),
  'task.completed': defineEvent({
    description: 'A task is marked done.',
    owner: 'product',
    emittedFrom: 'server',
    funnels: ['activation'],
    schema: taskOfProject,
    example: TASK_OF_PROJECT,
  }),
  'task.reopened': defineEvent({
    description: 'A done task is marked not done again.',
    owner: 'product',
    emittedFrom: 'server',
    schema: taskOfProject,
    example: TASK_OF_PROJECT,
  }),
  'task.deleted': defineEvent({
    description: 'A task is deleted.',
    owner: 'product',
    emittedFrom: 'server',
    schema: z.strictObject({ task_id: id('Task'), project_id: id('Project').optional(), workspace_id: id('Workspace') }),
    example: { task_id: 'tsk_Ab3dE5fG7hJ9kL1mN3pQ', workspace_id: 'ws_Yc1n0p2QeR5sT7uV9wX1' },
  }),

  // invite
  'invite.sent': defineEvent({
    description: "A member is invited to a workspace (the invitee's address is never sent).",
    owner: 'product',
    emittedFrom: 'server',
    schema: z.strictObject({
      invite_id: id('Invite'),
      workspace_id: id('Workspace'),
      role: z.enum(MEMBER_ROLES).exclude(['owner']).describe('Role offered'),
    }),
    example: { invite_id: 'inv_Qw2eR4tY6uI8oP0aS2dF', workspace_id: 'ws_Yc1n0p2QeR5sT7uV9wX1', role: 'member' },
  }),

  // settings
  'settings.profile_updated': defineEvent({
    description: 'The user saves their profile in settings (which fields changed, not their values).',
    owner: 'product',
    emittedFrom: 'server',
    schema: z.strictObject({
      fields: z.array(z.enum(['name'])).min(1).describe('Fields that changed'),
    }),
    example: { fields: ['name'] },
  }),

  // pricing
  'pricing.plan_selected': defineEvent({
    description: 'A plan is chosen on the pricing or billing page (before checkout or sign-up).',
    owner: 'growth',
    emittedFrom: 'web',
    funnels: ['checkout', 'revenue'],
    schema: z.strictObject({
      plan,
      location: source(['pricing_page', 'billing_page'], 'Page the plan was chosen on'),
      signed_in: z.boolean().describe('Whether the visitor was signed in'),
    }),
    example: { plan: 'pro', location: 'pricing_page', signed_in: true },
  }),
  'pricing.experiment_viewed': defineEvent({
    description: 'Experiment exposure: a page rendered one variant of a flag-driven experiment.',
    owner: 'growth',
    emittedFrom: 'web',
    funnels: ['checkout'],
    schema: z.strictObject({
      flag_key: z.enum(FLAG_KEYS).describe('Feature flag key (lib/flags/definitions.ts)'),
      variant: z
        .string()
        .max(64)
        .regex(/^[a-z][a-z0-9]*([-_][a-z0-9]+)*$/)
        .describe('Variant shown (`control`, `test`; `true`/`false` for boolean flags)'),
    }),
    example: { flag_key: 'pricing-page-layout', variant: 'test' },
  }),

  // checkout
  'checkout.started': defineEvent({
    description: 'A checkout session is created for a paid plan.',
    owner: 'billing',
    emittedFrom: 'server',
    funnels: ['checkout', 'revenue'],
    schema: z.strictObject({
      plan: paidPlan,
      provider: billingProvider,
      checkout_session_id: id('Checkout session'),
      workspace_id: id('Workspace'),
      amount_cents: z.int().min(0).describe('Price per month, in cents'),
      currency: z.enum(['usd']).describe('ISO currency, lowercase'),
    }),
    example: {
      plan: 'pro',
      provider: 'local',
      checkout_session_id: 'cs_local_Zx9cV7bN5mL3kJ1hG9fD',
      workspace_id: 'ws_Yc1n0p2QeR5sT7uV9wX1',
      amount_cents: 1200,
      currency: 'usd',
    },
  }),
  'checkout.completed': defineEvent({
    description: 'A checkout is paid (from the billing webhook, attributed to the buyer).',
    owner: 'billing',
    emittedFrom: 'server',
    funnels: ['checkout', 'revenue'],
    schema: z.strictObject({
      plan: paidPlan,
      provider: billingProvider,
      checkout_session_id: id('Checkout session'),
      workspace_id: id('Workspace'),
      subscription_id: id('Subscription').optional(),
      amount_cents: z.int().min(0).describe('Amount paid, in cents'),
      currency: z.enum(['usd']).describe('ISO currency, lowercase'),
    }),
    example: {
      plan: 'pro',
      provider: 'local',
      checkout_session_id: 'cs_local_Zx9cV7bN5mL3kJ1hG9fD',
      workspace_id: 'ws_Yc1n0p2QeR5sT7uV9wX1',
      subscription_id: 'sub_local_Pq8rS6tU4vW2xY0zA8bC',
      amount_cents: 1200,
      currency: 'usd',
    },
  }),
  'checkout.failed': defineEvent({
    description: 'A checkout could not be paid or started; `reason` is a short code, never card data.',
    owner: 'billing',
    emittedFrom: 'server',
    funnels: ['checkout'],
    schema: z.strictObject({
      plan: paidPlan,
      provider: billingProvider,
      reason: z
        .string()
        .max(64)
        .regex(snakeId)
        .describe('Decline or failure code: `card_declined`, a Stripe decline code (`insufficient_funds`), `provider_error`'),
      checkout_session_id: id('Checkout session').optional(),
      workspace_id: id('Workspace'),
    }),
    example: {
      plan: 'pro',
      provider: 'local',
      reason: 'insufficient_funds',
      checkout_session_id: 'cs_local_Zx9cV7bN5mL3kJ1hG9fD',
      workspace_id: 'ws_Yc1n0p2QeR5sT7uV9wX1',
    },
  }),

  // subscription
  'subscription.updated': defineEvent({
    description: "A workspace's subscription changes plan or status (billing webhook).",
    owner: 'billing',
    emittedFrom: 'server',
    funnels: ['revenue'],
    schema: z.strictObject({
      plan,
      previous_plan: plan.optional().describe('Plan before the change, when it changed'),
      status: z.enum(SUBSCRIPTION_STATUSES).describe('Subscription status after the change'),
      provider: billingProvider,
      workspace_id: id('Workspace'),
      subscription_id: id('Subscription'),
    }),
    example: {
      plan: 'team',
      previous_plan: 'pro',
      status: 'active',
      provider: 'stripe',
      workspace_id: 'ws_Yc1n0p2QeR5sT7uV9wX1',
      subscription_id: 'sub_1QhT2v3W4x5Y6z7A8b9C0d',
    },
  }),
  'subscription.canceled': defineEvent({
    description: "A workspace's paid subscription ends (billing webhook); the workspace falls back to free.",
    owner: 'billing',
    emittedFrom: 'server',
    funnels: ['revenue'],
    schema: z.strictObject({
      plan: paidPlan.describe('Plan that was canceled'),
      provider: billingProvider,
      workspace_id: id('Workspace'),
      subscription_id: id('Subscription'),
    }),
    example: { plan: 'pro', provider: 'local', workspace_id: 'ws_Yc1n0p2QeR5sT7uV9wX1', subscription_id: 'sub_local_Pq8rS6tU4vW2xY0zA8bC' },
  }),

  'subscription.payment_failed': defineEvent({
    description: "A renewal payment of a workspace's subscription failed (billing webhook); the plan stays while the provider retries.",
    owner: 'billing',
    emittedFrom: 'server',
    funnels: ['revenue'],
    schema: z.strictObject({
      plan: paidPlan,
      provider: billingProvider,
      workspace_id: id('Workspace'),
      subscription_id: id('Subscription'),
      attempt_count: z.int().min(0).max(1000).optional().describe("The provider's payment attempt number"),
    }),
    example: { plan: 'pro', provider: 'stripe', workspace_id: 'ws_Yc1n0p2QeR5sT7uV9wX1', subscription_id: 'sub_1QhT2v3W4x5Y6z7A8b9C0d', attempt_count: 2 },
  }),

  // api
  'api.request': defineEvent({
    description: 'A sampled API request or server action, recorded once in the request path (not per handler).',
    owner: 'platform',
    emittedFrom: 'server',
    schema: z.strictObject({
      endpoint: pathSchema.describe('Route template (`/api/projects/[id]`), never the concrete URL'),
      operation: operationSchema.optional(),
      method,
      status: z.int().min(100).max(599).describe('HTTP status of the response'),
      duration_ms: z.number().min(0).describe('Time spent in the handler, in milliseconds'),
      sample_rate: z.number().gt(0).max(1).describe('Share of requests recorded; weight each event by 1 / sample_rate'),
    }),
    example: { endpoint: '/api/projects/[id]', operation: 'project.get', method: 'GET', status: 200, duration_ms: 12.4, sample_rate: 0.1 },
  }),
  'api.rate_limited': defineEvent({
    description: 'A request or server action is refused by a rate limit.',
    owner: 'platform',
    emittedFrom: 'server',
    schema: z.strictObject({
      operation: operationSchema,
      endpoint: pathSchema.optional().describe('Route template, for route handlers'),
      retry_after_s: z.int().min(0).describe('Seconds until the caller may retry'),
    }),
    example: { operation: 'auth.log_in', retry_after_s: 42 },
    notEmittedInE2E:
      'Every spec signs in from 127.0.0.1 against one shared server, so exhausting a budget there would lock the other specs out; lib/analytics/server/rate-limited-event.test.ts exhausts the log-in budget and asserts the event.',
  }),
  'api.error': defineEvent({
    description: 'A request or server action fails with a structured error (validation, not found, internal, …).',
    owner: 'platform',
    emittedFrom: 'server',
    schema: z.strictObject({
      operation: operationSchema,
      endpoint: pathSchema.optional().describe('Route template, for route handlers'),
      code: errorCode.describe('Error code (lib/server/errors.ts)'),
      status: z.int().min(400).max(599).describe('HTTP status the code maps to'),
      duration_ms: z.number().min(0).optional().describe('Time until the failure, in milliseconds'),
    }),
    example: { operation: 'project.create', code: 'plan_limit', status: 403, duration_ms: 8.1 },
  }),

  // reliability: the instrumentation reporting on itself
  'webhook.failed': defineEvent({
    description: 'A verified billing webhook could not be processed (answered 500, the provider retries); also a Sentry event and an `api.error`.',
    owner: 'billing',
    emittedFrom: 'server',
    schema: z.strictObject({
      type: z
        .string()
        .max(80)
        .regex(/^[a-z_]+(\.[a-z_]+)+$/)
        .describe('Provider event type (`checkout.session.completed`)'),
    }),
    example: { type: 'checkout.session.completed' },
    notEmittedInE2E: 'Needs a handler that fails after a verified delivery (a database fault); lib/billing/webhook/webhook.test.ts provokes one and asserts the event.',
  }),
  'analytics.events_dropped': defineEvent({
    description: 'Server analytics events lost since the last report: evicted from the full queue or refused by validation. One event per report interval at most, never counting itself.',
    owner: 'platform',
    emittedFrom: 'server',
    schema: z.strictObject({
      queue_overflow: z.int().min(0).describe('Events evicted from the full queue (oldest first)'),
      invalid: z.int().min(0).describe('Events refused or trimmed by catalog validation'),
      window_s: z.number().min(0).describe('Seconds covered by this report'),
    }),
    example: { queue_overflow: 120, invalid: 0, window_s: 60 },
    notEmittedInE2E: 'Needs PostHog unreachable long enough to fill the queue, or an invalid call site; lib/analytics/server/reliability.test.ts provokes both.',
  }),
  'analytics.relay_backlog': defineEvent({
    description: "The relay's store-and-forward queue once PostHog or Sentry takes requests again: what still waits, and what was delivered, dropped by the bounds or refused since the last report. Personless; one per report interval at most.",
    owner: 'platform',
    emittedFrom: 'server',
    schema: z.strictObject({
      queued: z.int().min(0).describe('Stored requests still waiting'),
      bytes: z.int().min(0).describe('Their bytes'),
      oldest_age_s: z.number().min(0).describe('Age of the oldest waiting request, seconds (0 when none waits)'),
      delivered: z.int().min(0).describe('Stored requests delivered since the last report'),
      dropped: z.int().min(0).describe('Stored requests pushed out by RELAY_QUEUE_MAX_ROWS / RELAY_QUEUE_MAX_BYTES since the last report'),
      rejected: z.int().min(0).describe('Stored requests the upstream refused for good (4xx) since the last report'),
      window_s: z.number().min(0).describe('Seconds covered by this report'),
    }),
    example: { queued: 0, bytes: 0, oldest_age_s: 0, delivered: 42, dropped: 0, rejected: 0, window_s: 60 },
    notEmittedInE2E: 'Sent to a real PostHog host after an outage, never to the local collector the scan reads; lib/relay/durable.test.ts asserts the report.',
  }),
  'analytics.catalog_drift': defineEvent({
    description:
      "Events browsers sent through the /ingest relay that the catalog would not have: an unknown name, properties failing the event's schema, a server-only event from the browser. Counts only, per event name; personless; one per report interval at most, only when there is drift or a body the relay could not read.",
    owner: 'platform',
    emittedFrom: 'server',
    schema: z.strictObject({
      checked: z.int().min(0).describe('Events read since the last report'),
      findings: z.int().min(0).describe('Of those, events with at least one finding'),
      unknown_event: z.int().min(0).describe('Events whose name is not in the catalog nor a PostHog event it allows'),
      schema: z.int().min(0).describe("Events whose properties fail the event's schema"),
      wrong_side: z.int().min(0).describe('Server-only events sent by the browser'),
      events: z
        .array(
          z.strictObject({
            event: z
              .string()
              .regex(/^(\(other\)|[$\w][\w$.:-]{0,99})$/)
              .describe("Event name (cut to 100 characters), or `(other)`: past the first 50 names, or not made of an event name's characters"),
            unknown_event: z.int().min(0),
            schema: z.int().min(0),
            wrong_side: z.int().min(0),
          }),
        )
        .max(51)
        .describe('The counts per event name'),
      unread: z.int().min(0).describe('Capture bodies not read: over the size cap or the decompression budget, undecodable, or the queue was full'),
      window_s: z.number().min(0).describe('Seconds covered by this report'),
    }),
    example: {
      checked: 1200,
      findings: 3,
      unknown_event: 1,
      schema: 2,
      wrong_side: 0,
      events: [
        { event: 'task.complete', unknown_event: 1, schema: 0, wrong_side: 0 },
        { event: 'onboarding.step_completed', unknown_event: 0, schema: 2, wrong_side: 0 },
      ],
      unread: 0,
      window_s: 60,
    },
    notEmittedInE2E: 'Counted by the /ingest relay outside local mode, never in front of the local collector the scan reads; lib/relay/catalog-drift.test.ts asserts the report.',
  }),
  'flags.fallback_used': defineEvent({
    description: 'Server flag evaluation answered with the code defaults (PostHog slow, failing or its definitions not loaded). Aggregated per report interval.',
    owner: 'platform',
    emittedFrom: 'server',
    schema: z.strictObject({
      reason: z.enum(['timeout', 'error', 'not_loaded']).describe('Why the defaults were used'),
      count: z.int().min(1).describe('Evaluations that fell back since the last report'),
      window_s: z.number().min(0).describe('Seconds covered by this report'),
    }),
    example: { reason: 'timeout', count: 3, window_s: 60 },
    notEmittedInE2E: 'Needs the flag source to time out or fail; lib/analytics/server/flags.test.ts makes PostHog hang and asserts the event.',
  }),

  // client
  'client.error_shown': defineEvent({
    description: 'An error message is shown to the user (form error, failed action, error boundary).',
    owner: 'platform',
    emittedFrom: 'web',
    schema: z.strictObject({
      code: z
        .union([errorCode, z.enum(['network', 'unknown'])])
        .describe('Error code from the server response, or `network`/`unknown` for client-side failures'),
      message_id: z
        .string()
        .max(80)
        .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/)
        .optional()
        .describe('Stable id of the message shown (`auth.incorrect_credentials`), never the text'),
      where: z.string().max(64).regex(snakeId).describe('UI surface that showed it (`login_form`, `checkout_card_form`)'),
      field: z.string().max(64).regex(/^[a-zA-Z][a-zA-Z0-9_.]*$/).optional().describe('Form field the error is attached to'),
    }),
    example: { code: 'validation', message_id: 'project.name_required', where: 'create_project_form', field: 'name' },
  }),
} as const satisfies Record<string, EventDefinition>;

// ---- Types derived from the catalog ----

type Catalog = typeof catalog;
export type EventName = keyof Catalog;
/** What a call site passes (`track('task.created', props)`). */
export type EventProperties<N extends EventName> = z.input<Catalog[N]['schema']>;
/** What validation returns and what is sent. */
export type EventPayload<N extends EventName> = z.output<Catalog[N]['schema']>;
type ScopeOf<N> = N extends `${infer S}.${string}` ? S : never;
/** The part before the dot: `marketing`, `auth`, `checkout`, … */
export type EventScope = ScopeOf<EventName>;

export const EVENT_NAMES = Object.keys(catalog) as EventName[];

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(catalog, name);
}

export function eventScope<N extends EventName>(name: N): EventScope {
  return name.slice(0, name.indexOf('.')) as EventScope;
}

/** Catalog events tagged with a funnel stage, in catalog order. */
export function eventsInFunnel(tag: FunnelTag): EventName[] {
  return EVENT_NAMES.filter((name) => (catalog[name] as EventDefinition).funnels?.includes(tag));
}

/**
 * Properties the SDK wrappers add to every event on top of what a call site passes (posthog-js super properties
 * from lib/telemetry/browser/server-bootstrap.ts and the visit's entry context, the server client's context, the
 * SDKs' own `token`/`distinct_id`). An event's schema checks the call site's part: these are not "extra" keys.
 */
export const CONTEXT_PROPERTIES = [
  'app',
  'app_version',
  'deployment',
  'auth_state',
  'plan',
  'workspace_id',
  'ui_theme',
  'referrer_url',
  'referrer_domain',
  'entry_path',
  'entry_query',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_content',
  'utm_term',
  // posthog-js's campaign parameters besides UTM, sent (null when absent) with the first events of a page.
  'gad_source',
  'mc_cid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'fbclid',
  'msclkid',
  'twclid',
  'li_fat_id',
  'igshid',
  'ttclid',
  'rdt_cid',
  'epik',
  'qclid',
  'sccid',
  'oppref',
  'bfcid',
  'irclid',
  '_kx',
  'orbit_replayed',
  // set on a $pageview a page left before posthog-js started handed to the next page (lib/telemetry/browser/state.ts)
  'orbit_carried',
  'ip_hash',
  'token',
  'distinct_id',
] as const;

/**
 * Properties that hold a salted hash of personal data (lib/analytics/server/identity.ts), never the data: a hash
 * can look like a number, so the live PII check (the inbox's event health) skips them.
 */
export const HASHED_PROPERTIES = ['email_hash', 'ip_hash'] as const;

/**
 * PostHog's own events Orbit relies on. They keep their `$` names and are not in the catalog (posthog-js and
 * posthog-node define their properties); listed here so the docs say what each one is used for.
 */
export const POSTHOG_EVENTS = {
  $pageview: 'Every App Router navigation, exactly once; enriched with referrer, entry path/query and UTM parameters.',
  $pageleave: 'Leaving a page; gives time on page and scroll depth.',
  $autocapture: 'Clicks, submits and changes captured by posthog-js; CTA links carry `data-cta-id`.',
  $identify: 'Links the anonymous browser id to the user id at sign-up and log-in (person merge).',
  $groupidentify: 'Sets the `workspace` group and its properties.',
  $exception: 'Exceptions captured by PostHog error tracking (Sentry stays the primary error tool).',
  $feature_flag_called: 'Flag evaluation reported by the SDK; complements `pricing.experiment_viewed`.',
  $snapshot: 'Session recording data (masked inputs, blocked `ph-no-capture` elements).',
  $web_vitals: 'Core Web Vitals (LCP, CLS, INP, FCP) per page.',
} as const;
