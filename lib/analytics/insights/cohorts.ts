// Orbit's cohorts: who is activated, who pays, who is drifting away.
import type { CohortDefinition } from './types';

export const cohorts = [
  {
    key: 'activated-users',
    name: 'Activated users',
    question: 'Who has reached the activation milestone: finished onboarding and completed a task (last 90 days)?',
    criteria: [
      { event: 'onboarding.completed', days: 90 },
      { event: 'task.completed', days: 90 },
    ],
    unit: 'person',
  },
  {
    key: 'paying-workspaces',
    name: 'Paying workspaces',
    question: 'Which workspaces paid for a plan (a completed checkout in the last 365 days)?',
    criteria: [{ event: 'checkout.completed', days: 365 }],
    unit: 'workspace',
  },
  {
    key: 'at-risk',
    name: 'At risk',
    question: 'Who used Orbit in the last 90 days (viewed a page) but not in the last 14?',
    criteria: [
      { event: '$pageview', days: 90 },
      { event: '$pageview', days: 14, negate: true },
    ],
    unit: 'person',
  },
] as const satisfies readonly CohortDefinition[];

