// Orbit's dashboards: each groups the insights one audience looks at.
import type { DashboardDefinition } from './types';

export const dashboards = [
  {
    key: 'executive',
    name: 'Executive',
    question: 'Is Orbit growing and earning: active users, sign-ups, activation and paid conversion at a glance.',
    items: [
      { kind: 'trend', key: 'active-users' },
      { kind: 'trend', key: 'sign-ups' },
      { kind: 'funnel', key: 'acquisition' },
      { kind: 'trend', key: 'checkout-conversion' },
      { kind: 'cohort', key: 'paying-workspaces' },
    ],
  },
  {
    key: 'activation',
    name: 'Activation',
    question: 'Do new users get to value: where they drop between landing, sign-up, onboarding and a first task.',
    items: [
      { kind: 'funnel', key: 'acquisition' },
      { kind: 'funnel', key: 'onboarding' },
      { kind: 'trend', key: 'projects-and-tasks' },
      { kind: 'cohort', key: 'activated-users' },
      { kind: 'cohort', key: 'at-risk' },
    ],
  },
  {
    key: 'revenue',
    name: 'Revenue',
    question: 'Does choosing a plan turn into money: the checkout funnel, its daily conversion, the paying workspaces.',
    items: [
      { kind: 'funnel', key: 'checkout' },
      { kind: 'trend', key: 'checkout-conversion' },
      { kind: 'cohort', key: 'paying-workspaces' },
    ],
  },
  {
    key: 'reliability',
    name: 'Reliability',
    question: 'Does the product work: errors by category, error rate and p95 latency per route.',
    items: [
      { kind: 'trend', key: 'api-errors' },
      { kind: 'trend', key: 'errors-by-category' },
      { kind: 'trend', key: 'api-error-rate' },
      { kind: 'trend', key: 'api-latency-p95' },
      { kind: 'trend', key: 'relay-backlog' },
      { kind: 'trend', key: 'catalog-drift' },
    ],
  },
] as const satisfies readonly DashboardDefinition[];

