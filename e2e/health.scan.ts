// The run's analytics are healthy (project `event-health`, after `chromium`): every event the collector stored
// during the suite passed the event-health rules (lib/inbox/collector/health.ts, docs/local-inbox.md "Event
// health"). Prints how many events were checked; a finding fails here with its rule, event, path and message, to be
// fixed in the product (or in the test that sent it), never silenced.
import { expect, test } from '@playwright/test';
import type { HealthReport } from '@/lib/inbox/rows';
import { getInboxJson as get, settledStats } from './inbox';
import { describeFindings } from './support/event-health';

test('no event of the run raised an event-health finding', async ({ request }) => {
  test.setTimeout(120_000);
  await settledStats(request);
  const report = await get<HealthReport>(request, '/api/dev/inbox/health?limit=1000');
  const total = report.by_rule.reduce((n, r) => n + r.count, 0);
  const line = `Event health: ${report.checked_events} events checked, ${total} findings`;
  console.log(line);
  test.info().annotations.push({ type: 'event-health', description: line });
  const warnings = report.warnings.filter((w) => w.severity === 'warn');
  if (warnings.length) console.warn(`${line}; warnings:\n${describeFindings(warnings)}`);
  // Every finding fails the run; with EVENT_HEALTH_STRICT=0 warnings are only printed (see e2e/fixtures.ts).
  const failing = process.env.EVENT_HEALTH_STRICT === '0' ? report.warnings.filter((w) => w.severity === 'error') : report.warnings;
  expect(failing, `${line}:\n${describeFindings(failing)}`).toEqual([]);
});
