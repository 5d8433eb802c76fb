// Billing tables: one subscription per workspace, checkout sessions, and processed webhook event ids.
import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { newId } from '../ids';
import { users } from './auth';
import { workspaces } from './app';
import { PLANS, SUBSCRIPTION_STATUSES } from './enums';

export { PLANS, SUBSCRIPTION_STATUSES };
export type Plan = (typeof PLANS)[number];
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export const subscriptions = pgTable('subscriptions', {
  workspaceId: text('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  plan: text('plan', { enum: PLANS }).notNull().default('free'),
  status: text('status', { enum: SUBSCRIPTION_STATUSES }).notNull().default('active'),
  provider: text('provider', { enum: ['local', 'stripe'] }).notNull(),
  customerId: text('customer_id'),
  subscriptionId: text('subscription_id').unique(),
  currentPeriodEnd: timestamp('current_period_end', { withTimezone: true }),
  /** The user who bought it; lets webhook-side events be attributed to a person. */
  purchasedBy: text('purchased_by').references(() => users.id, { onDelete: 'set null' }),
  /** `created` of the newest Stripe event applied: Stripe does not guarantee order, older events are skipped. */
  lastEventAt: timestamp('last_event_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const checkoutSessions = pgTable(
  'checkout_sessions',
  {
    id: text('id').primaryKey().$defaultFn(() => newId('cs_local')),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    plan: text('plan', { enum: PLANS }).notNull(),
    provider: text('provider', { enum: ['local', 'stripe'] }).notNull(),
    status: text('status', { enum: ['open', 'complete', 'failed', 'expired'] }).notNull().default('open'),
    /** Stripe's checkout session id when the provider is Stripe. */
    externalId: text('external_id'),
    failureReason: text('failure_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [index('checkout_sessions_workspace_id_idx').on(t.workspaceId)],
);

/**
 * Subscriptions Stripe reported deleted. Stripe does not order deliveries: a deletion can arrive before the
 * checkout (or update) that created the subscription, find no row, and would otherwise be forgotten; the late
 * event then grants a plan nobody pays for. Those handlers check here first.
 */
export const deletedSubscriptions = pgTable('deleted_subscriptions', {
  subscriptionId: text('subscription_id').primaryKey(),
  customerId: text('customer_id').notNull(),
  /** `created` of the deletion event. */
  deletedAt: timestamp('deleted_at', { withTimezone: true }).notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Every webhook event id processed once; a replay finds its id here and changes nothing. */
export const webhookEvents = pgTable('webhook_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});

export type Subscription = typeof subscriptions.$inferSelect;
export type CheckoutSession = typeof checkoutSessions.$inferSelect;
