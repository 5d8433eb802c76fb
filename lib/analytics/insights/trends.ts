// Orbit's trends: the numbers the dashboards plot. Each names catalog events and properties only.
import type { TrendDefinition } from './types';

/** `api.request` is sampled (POSTHOG_API_REQUEST_SAMPLE_RATE); each event stands for 1 / `sample_rate` requests. */
const requests = { event: 'api.request', label: 'Requests (weighted)', math: 'weighted_total' } as const;

export const trends = [
  {
    key: 'active-users',
    name: 'Active users (DAU / WAU / MAU)',
    question: 'How many people use Orbit each day, week and month?',
    series: [
      { event: null, label: 'Daily active', math: 'dau' },
      { event: null, label: 'Weekly active', math: 'wau' },
      { event: null, label: 'Monthly active', math: 'mau' },
    ],
    interval: 'day',
    range: 30,
    unit: 'count',
  },
  {
    key: 'sign-ups',
    name: 'Sign-ups',
    question: 'How many accounts are created per day?',
    series: [{ event: 'auth.signed_up', label: 'Sign-ups', math: 'total' }],
    interval: 'day',
    range: 30,
    unit: 'count',
  },
  {
    key: 'projects-and-tasks',
    name: 'Projects and tasks created',
    question: 'Is the product being used: how many projects and tasks are created per day?',
    series: [
      { event: 'project.created', label: 'Projects created', math: 'total' },
      { event: 'task.created', label: 'Tasks created', math: 'total' },
    ],
    interval: 'day',
    range: 30,
    unit: 'count',
  },
  {
    key: 'checkout-conversion',
    name: 'Checkout conversion',
    question: 'Of the checkouts started each day, what share is paid?',
    series: [
      { event: 'checkout.started', label: 'Checkouts started', math: 'total' },
      { event: 'checkout.completed', label: 'Checkouts completed', math: 'total' },
    ],
    formula: 'B / A * 100',
    interval: 'day',
    range: 30,
    unit: 'percent',
  },
  {
    key: 'errors-by-category',
    name: 'Errors by category',
    question: 'Which kinds of errors do requests end with (validation, not found, plan limit, internal…)?',
    series: [{ event: 'api.error', label: 'API errors', math: 'total' }],
    breakdown: 'code',
    interval: 'day',
    range: 14,
    unit: 'count',
  },
  {
    key: 'api-errors',
    name: 'API errors',
    question: 'How many requests fail with a structured error per day?',
    series: [{ event: 'api.error', label: 'API errors', math: 'total' }],
    interval: 'day',
    range: 14,
    unit: 'count',
  },
  {
    key: 'api-error-rate',
    name: 'API error rate by route',
    question: 'Which routes fail most often, as a share of their requests?',
    series: [requests, { event: 'api.request', label: 'Failed requests (weighted)', math: 'weighted_total', properties: [{ key: 'status', operator: 'gte', value: 400 }] }],
    formula: 'B / A * 100',
    breakdown: 'endpoint',
    interval: 'day',
    range: 14,
    unit: 'percent',
  },
  {
    key: 'relay-backlog',
    name: 'Relay backlog',
    question: 'After PostHog or Sentry was down, how much did the relay hold back, and did any of it get lost?',
    series: [
      { event: 'analytics.relay_backlog', label: 'Delivered after an outage (p95 per report)', math: { p95: 'delivered' } },
      { event: 'analytics.relay_backlog', label: 'Dropped by the bounds (p95 per report)', math: { p95: 'dropped' } },
    ],
    interval: 'day',
    range: 14,
    unit: 'count',
  },
  {
    key: 'catalog-drift',
    name: 'Catalog drift',
    question: 'Are browsers sending events the plan does not know, with properties it would refuse, or from the wrong side?',
    series: [
      { event: 'analytics.catalog_drift', label: 'Unknown event names', math: { sum: 'unknown_event' } },
      { event: 'analytics.catalog_drift', label: 'Schema failures', math: { sum: 'schema' } },
      { event: 'analytics.catalog_drift', label: 'Server-only events from the browser', math: { sum: 'wrong_side' } },
      { event: 'analytics.catalog_drift', label: 'Events with drift', math: { sum: 'findings' } },
    ],
    interval: 'day',
    range: 14,
    unit: 'count',
  },
  {
    key: 'api-latency-p95',
    name: 'API p95 latency by route',
    question: 'Which routes are slow for the slowest 5 % of requests?',
    series: [{ event: 'api.request', label: 'p95 duration', math: { p95: 'duration_ms' } }],
    breakdown: 'endpoint',
    interval: 'day',
    range: 14,
    unit: 'ms',
  },
] as const satisfies readonly TrendDefinition[];

