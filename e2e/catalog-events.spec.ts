// The catalog events no other spec provokes, through the real UI and API, each asserted on what the collector
// received (so e2e/catalog-coverage.scan.ts sees every one): profile and workspace settings, an invite, a task
// completed, reopened and deleted, a project deleted, a plan switched and then canceled in the billing portal.
import { addTask, CARDS, checkout, createProject, expect, signUpAndOnboard, test, uniqueName } from './fixtures';
import { telemetrySnapshot } from './support/telemetry-hook';

test('settings, task and project lifecycle, and a cancellation send their catalog events', async ({ page, baseURL, inbox, freshUser }) => {
  test.setTimeout(180_000);
  const since = new Date(Date.now() - 1_000).toISOString();
  await signUpAndOnboard(page, freshUser, { workspace: uniqueName('Lifecycle Co') });
  const userId = await page.evaluate(telemetrySnapshot).then((t) => t?.userId ?? undefined);
  expect(userId).toBeTruthy();
  const who = { distinctId: userId!, since };

  await test.step('settings: profile and workspace', async () => {
    await page.goto('/settings');
    await page.getByLabel('Name', { exact: true }).fill(`${freshUser.name} Jr`);
    await page.getByRole('button', { name: 'Save profile' }).click();
    await inbox.waitForEvent('settings.profile_updated', { ...who, properties: { fields: ['name'] } });
    await page.getByLabel('Workspace name').fill(uniqueName('Renamed Co'));
    await page.getByRole('button', { name: 'Save workspace' }).click();
    await expect(page.getByText('Workspace saved.')).toBeVisible();
    await inbox.waitForEvent('workspace.renamed', who);
    await page.getByLabel('Invite by email').fill(`invitee-${Date.now().toString(36)}@example.com`);
    await page.getByRole('button', { name: 'Send invite' }).click();
    await inbox.waitForEvent('invite.sent', who);
  });

  await test.step('a task completed, reopened and deleted; the project deleted', async () => {
    const projectId = await createProject(page, uniqueName('Lifecycle'));
    const title = uniqueName('Task');
    const checkbox = await addTask(page, title);
    await checkbox.check();
    await inbox.waitForEvent('task.completed', who);
    await checkbox.uncheck();
    const reopened = await inbox.waitForEvent('task.reopened', who);
    const taskId = reopened.properties.task_id as string;
    const headers = { origin: baseURL ?? '' };
    expect((await page.request.delete(`/api/tasks/${taskId}`, { headers })).status()).toBeLessThan(300);
    await inbox.waitForEvent('task.deleted', { ...who, properties: { task_id: taskId } });
    expect((await page.request.delete(`/api/projects/${projectId}`, { headers })).status()).toBeLessThan(300);
    await inbox.waitForEvent('project.deleted', { ...who, properties: { project_id: projectId } });
  });

  await test.step('a paid subscription canceled in the billing portal', async () => {
    await checkout(page, { plan: 'Pro', card: CARDS.success });
    await expect(page).toHaveURL(/\/billing/);
    await page.goto('/billing/portal');
    await page.getByRole('button', { name: 'Switch to Team' }).click();
    await inbox.waitForEvent('subscription.updated', { ...who, properties: { plan: 'team', previous_plan: 'pro' }, timeout: 30_000 });
    await page.goto('/billing/portal');
    await page.getByRole('button', { name: 'Cancel subscription' }).click();
    await page.getByRole('button', { name: 'Confirm cancellation' }).click();
    await inbox.waitForEvent('subscription.canceled', { ...who, properties: { plan: 'team' }, timeout: 30_000 });
  });
});
