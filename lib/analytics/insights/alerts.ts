// Orbit's alerts: PostHog alerts on product numbers, Sentry alert rules on errors and latency.
import type { AlertDefinitions } from './types';

export const alerts = {
  posthog: [
    {
      key: 'checkout-conversion-drop',
      name: 'Checkout conversion dropped',
      question: 'Did the share of paid checkouts fall by more than 30 % from one day to the next?',
      trend: 'checkout-conversion',
      seriesIndex: 0,
      condition: 'relative_decrease',
      threshold: 0.3,
      interval: 'daily',
    },
    {
      key: 'api-error-spike',
      name: 'Spike in api.error',
      question: 'Did structured API errors double from one hour to the next?',
      trend: 'api-errors',
      seriesIndex: 0,
      condition: 'relative_increase',
      threshold: 1,
      interval: 'hourly',
    },
    {
      key: 'catalog-drift',
      name: 'Catalog drift in production',
      question: 'Did browsers send any event the plan does not know or would refuse in the last hour?',
      trend: 'catalog-drift',
      // Events with drift: the sum of every rule's events.
      seriesIndex: 3,
      condition: 'absolute_value',
      threshold: 0,
      interval: 'hourly',
    },
  ],
  sentryIssue: [
    {
      key: 'new-issue',
      name: 'New issue',
      question: 'Did an error Orbit has never seen before happen?',
      trigger: 'new_issue',
      frequency: 30,
    },
    {
      key: 'checkout-error',
      name: 'Any error in checkout',
      question: 'Did anything fail while someone was paying?',
      trigger: 'every_event',
      // Mutations tag their errors (lib/monitoring/server/server.ts); the transaction tag catches errors outside a mutation.
      tags: [
        { key: 'mutation', match: 'sw', value: 'billing.checkout.' },
        { key: 'transaction', match: 'co', value: '/checkout/' },
      ],
      frequency: 5,
    },
  ],
  sentryMetric: [
    {
      key: 'error-rate-spike',
      name: 'Error spike',
      question: 'Are there suddenly many more errors than usual?',
      dataset: 'events',
      aggregate: 'count()',
      query: '',
      timeWindow: 60,
      critical: 50,
      warning: 20,
    },
    {
      key: 'checkout-p95',
      name: 'Checkout p95 latency',
      question: 'Is the checkout page or its payment slow for the slowest 5 % of requests?',
      dataset: 'transactions',
      aggregate: 'p95(transaction.duration)',
      query: 'transaction:*/checkout/*',
      timeWindow: 60,
      critical: 3000,
      warning: 1500,
    },
    {
      key: 'webhook-p95',
      name: 'Billing webhook p95 latency',
      question: 'Does the billing webhook answer slowly (Stripe retries past 10 s)?',
      dataset: 'transactions',
      aggregate: 'p95(transaction.duration)',
      query: 'transaction:"POST /api/webhooks/stripe"',
      timeWindow: 60,
      critical: 5000,
      warning: 2000,
    },
  ],
} as const satisfies AlertDefinitions;
