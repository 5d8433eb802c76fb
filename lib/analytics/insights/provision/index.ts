// `npm run analytics -- provision [--dry-run]`: creates or updates Orbit's insights, dashboards, cohorts and alerts
// in PostHog and its alert rules in Sentry, from lib/analytics/insights. Finds its own objects by a stable key
// (markers.ts), never duplicates, and reports created / updated / unchanged. Without credentials for a system it
// prints that system's plan and touches nothing.
import { z } from 'zod';
import { DEFAULT_POSTHOG_UI_HOST } from '@/lib/analytics/constants';
import { insights as defaultInsights, type FunnelStep, type Insights } from '..';
import { apiClient, type Fetch } from './http';
import { provisionPostHog } from './posthog';
import type { ProvisionResult } from './reconcile';
import { provisionSentry } from './sentry';

const optional = z.string().trim().min(1).optional().catch(undefined);

/** The provisioner's own settings, read from the environment at its boundary (a CLI, not the app's env). */
const provisionEnvSchema = z.object({
  POSTHOG_PERSONAL_API_KEY: optional,
  POSTHOG_PROJECT_ID: z.string().regex(/^\d+$/, 'POSTHOG_PROJECT_ID is the numeric project id').optional(),
  /** The PostHog app (API) host, not the ingest host: https://us.posthog.com, https://eu.posthog.com or self-hosted. */
  POSTHOG_API_HOST: z.url().optional(),
  NEXT_PUBLIC_POSTHOG_UI_HOST: z.url().optional(),
  SENTRY_AUTH_TOKEN: optional,
  SENTRY_ORG: optional,
  SENTRY_PROJECT: optional,
  SENTRY_URL: z.url().optional(),
  /** Sentry environment the rules watch (default production; empty: every environment). */
  SENTRY_ALERT_ENVIRONMENT: z.string().optional(),
});

export type ProvisionConfig = {
  posthog: { host: string; apiKey: string; projectId: string } | null;
  sentry: { host: string; token: string; org: string; project: string; environment: string | null } | null;
  /** Why a system is skipped (missing settings), for the report. */
  skipped: string[];
};

export function provisionConfig(source: Record<string, string | undefined>): ProvisionConfig {
  const parsed = provisionEnvSchema.safeParse(Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === '' ? undefined : v])));
  if (!parsed.success) throw new Error(`Invalid provisioning settings:\n${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  const skipped: string[] = [];
  let posthog: ProvisionConfig['posthog'] = null;
  if (e.POSTHOG_PERSONAL_API_KEY && e.POSTHOG_PROJECT_ID) {
    posthog = { host: e.POSTHOG_API_HOST ?? e.NEXT_PUBLIC_POSTHOG_UI_HOST ?? DEFAULT_POSTHOG_UI_HOST, apiKey: e.POSTHOG_PERSONAL_API_KEY, projectId: e.POSTHOG_PROJECT_ID };
  } else {
    skipped.push('PostHog: set POSTHOG_PERSONAL_API_KEY and POSTHOG_PROJECT_ID to provision');
  }
  let sentry: ProvisionConfig['sentry'] = null;
  if (e.SENTRY_AUTH_TOKEN && e.SENTRY_ORG && e.SENTRY_PROJECT) {
    const environment = e.SENTRY_ALERT_ENVIRONMENT === undefined ? 'production' : e.SENTRY_ALERT_ENVIRONMENT.trim() || null;
    sentry = { host: e.SENTRY_URL ?? 'https://sentry.io', token: e.SENTRY_AUTH_TOKEN, org: e.SENTRY_ORG, project: e.SENTRY_PROJECT, environment };
  } else {
    skipped.push('Sentry: set SENTRY_AUTH_TOKEN, SENTRY_ORG and SENTRY_PROJECT to provision');
  }
  return { posthog, sentry, skipped };
}

const stepText = (s: FunnelStep) => `${s.event}${s.properties?.length ? `{${s.properties.map((p) => `${p.key}=${String(p.value)}`).join(',')}}` : ''}`;

/** Every object the provisioner manages, in the order it writes them. */
export function plan(all: Insights = defaultInsights): { system: 'posthog' | 'sentry'; kind: string; key: string; name: string }[] {
  return [
    ...all.cohorts.map((c) => ({ system: 'posthog' as const, kind: 'cohort', key: c.key, name: c.name })),
    ...all.dashboards.map((d) => ({ system: 'posthog' as const, kind: 'dashboard', key: d.key, name: `${d.name} (${d.items.map((i) => i.key).join(', ')})` })),
    ...all.funnels.map((f) => ({ system: 'posthog' as const, kind: 'insight (funnel)', key: f.key, name: `${f.name}: ${f.steps.map(stepText).join(' → ')}` })),
    ...all.trends.map((t) => ({ system: 'posthog' as const, kind: 'insight (trend)', key: t.key, name: t.name })),
    ...all.alerts.posthog.map((a) => ({ system: 'posthog' as const, kind: 'alert', key: a.key, name: `${a.name} (on ${a.trend})` })),
    ...all.alerts.sentryIssue.map((a) => ({ system: 'sentry' as const, kind: 'issue alert', key: a.key, name: a.name })),
    ...all.alerts.sentryMetric.map((a) => ({ system: 'sentry' as const, kind: 'metric alert', key: a.key, name: `${a.name} (${a.aggregate}${a.query ? ` where ${a.query}` : ''})` })),
  ];
}

export type ProvisionReport = { results: ProvisionResult[]; planned: ReturnType<typeof plan>; skipped: string[]; dryRun: boolean };

export async function provision({
  config,
  dryRun,
  all = defaultInsights,
  fetch: fetchImpl,
}: {
  config: ProvisionConfig;
  dryRun: boolean;
  all?: Insights;
  fetch?: Fetch;
}): Promise<ProvisionReport> {
  const results: ProvisionResult[] = [];
  const planned = plan(all).filter((p) => (p.system === 'posthog' ? !config.posthog : !config.sentry));
  if (config.posthog) {
    const api = apiClient({ base: config.posthog.host, token: config.posthog.apiKey, fetch: fetchImpl });
    results.push(...(await provisionPostHog({ api, projectId: config.posthog.projectId }, all, dryRun)));
  }
  if (config.sentry) {
    const api = apiClient({ base: config.sentry.host, token: config.sentry.token, fetch: fetchImpl });
    results.push(...(await provisionSentry({ api, org: config.sentry.org, project: config.sentry.project, environment: config.sentry.environment }, all, dryRun)));
  }
  return { results, planned, skipped: config.skipped, dryRun };
}

export function formatReport(report: ProvisionReport): string {
  const lines: string[] = [];
  if (report.planned.length) {
    lines.push(report.results.length ? 'Plan (not provisioned, no credentials):' : 'Plan (nothing sent: no credentials, or --dry-run without them):');
    for (const p of report.planned) lines.push(`  plan       ${p.system.padEnd(7)} ${p.kind.padEnd(16)} ${p.key.padEnd(26)} ${p.name}`);
  }
  for (const r of report.results) lines.push(`  ${r.outcome.padEnd(12)} ${r.system.padEnd(7)} ${r.kind.padEnd(12)} ${r.key.padEnd(34)} ${r.name}${r.id !== undefined ? `  #${r.id}` : ''}`);
  for (const s of report.skipped) lines.push(`Skipped ${s}.`);
  const count = (o: string) => report.results.filter((r) => r.outcome === o).length;
  if (report.results.length) {
    lines.push(
      report.dryRun
        ? `Dry run: ${count('would create')} to create, ${count('would update')} to update, ${count('unchanged')} unchanged.`
        : `${count('created')} created, ${count('updated')} updated, ${count('unchanged')} unchanged.`,
    );
  }
  return lines.join('\n');
}
