import { describe, expect, it } from 'vitest';
import { clearInbox, storeCapture } from '@/lib/inbox/collector/store';
import { rawEventSchema } from '@/lib/inbox/collector/posthog-decode';
import { dashboardView } from './dashboard-queries';

const NOW = Date.now();
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString();
const web = { $lib: 'web' };
const ev = (event: string, distinct_id: string, minutesAgo: number, properties: Record<string, unknown> = {}) =>
  rawEventSchema.parse({ event, distinct_id, timestamp: at(minutesAgo), uuid: crypto.randomUUID(), properties });

describe('dashboardView', () => {
  it("computes the Activation dashboard from catalog events stored by the collector, one person across the browser's anonymous id and the user id", async () => {
    await clearInbox();
    await storeCapture({
      sentAt: null,
      apiKey: null,
      events: [
        ev('marketing.visit_landing', 'anon-1', 60, { ...web, path: '/', referrer_domain: 'direct' }),
        ev('marketing.cta_clicked', 'anon-1', 59, { ...web, cta_id: 'hero_start_free', path: '/' }),
        ev('$identify', 'usr_1', 58, { ...web, $anon_distinct_id: 'anon-1' }),
        ev('auth.signed_up', 'usr_1', 58, { method: 'email', user_id: 'usr_1' }),
        ev('onboarding.step_viewed', 'usr_1', 57, { ...web, step: 'profile' }),
        ev('onboarding.step_viewed', 'usr_1', 56, { ...web, step: 'workspace' }),
        ev('onboarding.step_viewed', 'usr_1', 55, { ...web, step: 'project' }),
        ev('onboarding.completed', 'usr_1', 54, { skipped_steps: [], workspace_id: 'ws_1' }),
        ev('project.created', 'usr_1', 54, { project_id: 'prj_1', workspace_id: 'ws_1', source: 'onboarding' }),
        ev('task.created', 'usr_1', 53, { task_id: 'tsk_1', project_id: 'prj_1', workspace_id: 'ws_1' }),
        ev('task.completed', 'usr_1', 52, { task_id: 'tsk_1', project_id: 'prj_1', workspace_id: 'ws_1' }),
        // A visitor who only looked.
        ev('marketing.visit_landing', 'anon-2', 30, { ...web, path: '/pricing', referrer_domain: 'direct' }),
      ],
    });

    const view = await dashboardView('activation');
    expect(view?.dashboard.name).toBe('Activation');
    const funnel = view!.items.find((i) => i.kind === 'funnel' && i.result.funnel.key === 'acquisition');
    expect(funnel?.kind === 'funnel' && funnel.result.steps.map((s) => s.count)).toEqual([2, 1, 1, 1, 1]);
    const onboarding = view!.items.find((i) => i.kind === 'funnel' && i.result.funnel.key === 'onboarding');
    expect(onboarding?.kind === 'funnel' && onboarding.result.completed).toBe(1);
    const activated = view!.items.find((i) => i.kind === 'cohort' && i.result.cohort.key === 'activated-users');
    expect(activated?.kind === 'cohort' && activated.result.members).toHaveLength(1);
    const created = view!.items.find((i) => i.kind === 'trend' && i.result.trend.key === 'projects-and-tasks');
    expect(created?.kind === 'trend' && created.result.rows.map((r) => r.summary)).toEqual([1, 1]);

    expect(await dashboardView('nope')).toBeNull();
  });
});
