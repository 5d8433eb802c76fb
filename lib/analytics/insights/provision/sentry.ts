// Writes the Sentry alert rules into an organization through its REST API, idempotently.
// Endpoints and bodies as Sentry documents them (auth token as `Authorization: Bearer`, scope alerts:write):
//   Issue alerts — https://docs.sentry.io/api/alerts/ "Create an Issue Alert Rule for a Project":
//     GET/POST /api/0/projects/{org}/{project}/rules/, PUT …/rules/{rule_id}/ (PUT overwrites the whole rule) —
//     `{ name, actionMatch, filterMatch, frequency, conditions, filters, actions, environment }`; condition, filter
//     and action ids are Sentry's rule registry ids (sentry.rules.conditions.first_seen_event.FirstSeenEventCondition…).
//   Metric alerts — "Create a Metric Alert Rule for an Organization":
//     GET/POST /api/0/organizations/{org}/alert-rules/, PUT …/alert-rules/{alert_rule_id}/ — `{ name, dataset,
//     queryType, eventTypes, aggregate, query, timeWindow, thresholdType, triggers, projects, environment }`
//     (errors: dataset `events`, queryType 0; transactions: dataset `transactions`, queryType 1).
import { z } from 'zod';
import type { SentryIssueAlertDefinition, SentryMetricAlertDefinition } from '../types';
import type { Insights } from '..';
import type { ApiClient } from './http';
import { keyOf, markedName } from './markers';
import { reconcile, type Existing, type Id, type ProvisionResult } from './reconcile';

const NEW_ISSUE = 'sentry.rules.conditions.first_seen_event.FirstSeenEventCondition';
/** "The issue is seen more than 0 times in one minute": every event of a matching issue. */
const EVENT_FREQUENCY = 'sentry.rules.conditions.event_frequency.EventFrequencyCondition';
const TAGGED_EVENT = 'sentry.rules.filters.tagged_event.TaggedEventFilter';
const NOTIFY_EMAIL = 'sentry.mail.actions.NotifyEmailAction';

function issueRuleBody(a: SentryIssueAlertDefinition, environment: string | null) {
  return {
    name: markedName(a.name, 'issue-rule', a.key),
    actionMatch: 'any',
    filterMatch: 'any',
    frequency: a.frequency,
    environment,
    conditions: a.trigger === 'new_issue' ? [{ id: NEW_ISSUE }] : [{ id: EVENT_FREQUENCY, comparisonType: 'count', value: 0, interval: '1m' }],
    filters: (a.tags ?? []).map((t) => ({ id: TAGGED_EVENT, key: t.key, match: t.match, value: t.value })),
    // Owners of the code, else every active member: works in any organization without knowing team ids.
    actions: [{ id: NOTIFY_EMAIL, targetType: 'IssueOwners', fallthroughType: 'ActiveMembers' }],
  };
}

function metricRuleBody(a: SentryMetricAlertDefinition, project: string, environment: string | null) {
  const errors = a.dataset === 'events';
  return {
    name: markedName(a.name, 'metric-rule', a.key),
    dataset: a.dataset,
    queryType: errors ? 0 : 1,
    eventTypes: errors ? ['error'] : ['transaction'],
    aggregate: a.aggregate,
    query: a.query,
    timeWindow: a.timeWindow,
    // 0: fires above the thresholds.
    thresholdType: 0,
    projects: [project],
    environment,
    // No action: the rule shows in Sentry's Alerts; notifications are added per team there (docs/dashboards.md).
    triggers: [
      { label: 'critical', alertThreshold: a.critical, actions: [] },
      ...(a.warning !== undefined ? [{ label: 'warning', alertThreshold: a.warning, actions: [] }] : []),
    ],
  };
}

const rule = z.looseObject({ id: z.union([z.number(), z.string()]), name: z.string() });

function byKey(kind: 'issue-rule' | 'metric-rule', rules: z.infer<typeof rule>[]): Map<string, Existing> {
  const map = new Map<string, Existing>();
  for (const r of rules) {
    const key = keyOf(kind, r.name);
    if (key && !map.has(key)) map.set(key, r);
  }
  return map;
}

export type SentryTarget = { api: ApiClient; org: string; project: string; environment: string | null };

export async function provisionSentry({ api, org, project, environment }: SentryTarget, all: Insights, dryRun: boolean): Promise<ProvisionResult[]> {
  const o = encodeURIComponent(org);
  const rulesPath = `/api/0/projects/${o}/${encodeURIComponent(project)}/rules/`;
  const metricPath = `/api/0/organizations/${o}/alert-rules/`;
  const [issueRules, metricRules] = await Promise.all([api.request('GET', rulesPath, z.array(rule)), api.request('GET', metricPath, z.array(rule))]);
  const results: ProvisionResult[] = [];
  const write = (path: string) => ({
    create: (body: Record<string, unknown>) => api.request('POST', path, rule, body) as Promise<Existing>,
    update: (id: Id, body: Record<string, unknown>) => api.request('PUT', `${path}${encodeURIComponent(String(id))}/`, rule, body) as Promise<Existing>,
  });

  const issues = byKey('issue-rule', issueRules);
  for (const a of all.alerts.sentryIssue) {
    results.push(await reconcile({ system: 'sentry', kind: 'issue-rule', key: a.key, name: a.name, existing: issues.get(a.key), desired: issueRuleBody(a, environment), dryRun, ...write(rulesPath) }));
  }
  const metrics = byKey('metric-rule', metricRules);
  for (const a of all.alerts.sentryMetric) {
    results.push(
      await reconcile({ system: 'sentry', kind: 'metric-rule', key: a.key, name: a.name, existing: metrics.get(a.key), desired: metricRuleBody(a, project, environment), dryRun, ...write(metricPath) }),
    );
  }
  return results;
}
