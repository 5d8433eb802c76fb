// Tenant isolation: a second user can neither read nor change the first user's project, through the pages or
// the REST API, and the first user's data is untouched afterwards.
import type { APIRequestContext } from '@playwright/test';
import { addTask, createProject, expect, makeUser, signUpAndOnboard, test, uniqueName } from './fixtures';

/** Finds the id of the object whose `title` is `title` anywhere in a JSON response (list shapes vary). */
function findIdByTitle(json: unknown, title: string): string | undefined {
  if (Array.isArray(json)) {
    for (const item of json) {
      const id = findIdByTitle(item, title);
      if (id) return id;
    }
  } else if (json && typeof json === 'object') {
    const record = json as Record<string, unknown>;
    if (record.title === title && typeof record.id === 'string') return record.id;
    for (const value of Object.values(record)) {
      const id = findIdByTitle(value, title);
      if (id) return id;
    }
  }
  return undefined;
}

const DENIED = [403, 404];

test('a second user cannot read or change the first user’s project (pages and REST API)', async ({ page, freshUser, newPage, baseURL }) => {
  const projectName = uniqueName('Secret plan');
  const taskTitle = uniqueName('Private task');
  const json = { origin: baseURL ?? '', 'content-type': 'application/json' };

  // Owner: a workspace, a project with one task.
  await signUpAndOnboard(page, freshUser, { workspace: uniqueName('Owner Co') });
  const projectId = await createProject(page, projectName);
  await addTask(page, taskTitle);
  const owner: APIRequestContext = page.request;

  // The owner's own API works, so the denials below are not an artefact of a broken API.
  const ownProject = await owner.get(`/api/projects/${projectId}`);
  expect(ownProject.status()).toBe(200);
  expect(JSON.stringify(await ownProject.json())).toContain(projectName);
  const ownTasks = await owner.get(`/api/projects/${projectId}/tasks`);
  expect(ownTasks.status()).toBe(200);
  const taskId = findIdByTitle(await ownTasks.json(), taskTitle);
  expect(taskId, 'the owner’s task list includes the task with its id').toBeTruthy();

  // Intruder: another user with their own workspace.
  const intruderPage = await newPage();
  await signUpAndOnboard(intruderPage, makeUser('intruder'), { workspace: uniqueName('Intruder Co') });
  const intruder = intruderPage.request;

  await test.step('the project page is a 404 for the intruder', async () => {
    const res = await intruderPage.goto(`/projects/${projectId}`);
    expect(res?.status()).toBe(404);
    await expect(intruderPage.getByText(projectName)).toHaveCount(0);
    await expect(intruderPage.getByText(taskTitle)).toHaveCount(0);
  });

  await test.step('the REST API denies every read and write', async () => {
    const attempts = [
      await intruder.get(`/api/projects/${projectId}`),
      await intruder.patch(`/api/projects/${projectId}`, { headers: json, data: { name: 'Hijacked' } }),
      await intruder.get(`/api/projects/${projectId}/tasks`),
      await intruder.post(`/api/projects/${projectId}/tasks`, { headers: json, data: { title: 'Injected task' } }),
      await intruder.patch(`/api/tasks/${taskId}`, { headers: json, data: { done: true, title: 'Hijacked task' } }),
      await intruder.delete(`/api/tasks/${taskId}`, { headers: { origin: baseURL ?? '' } }),
      await intruder.delete(`/api/projects/${projectId}`, { headers: { origin: baseURL ?? '' } }),
    ];
    for (const res of attempts) {
      expect(DENIED, `${res.url()} answered ${res.status()}`).toContain(res.status());
      expect(await res.text()).not.toContain(projectName);
    }
    const list = await intruder.get('/api/projects');
    expect(list.status()).toBe(200);
    expect(await list.text()).not.toContain(projectId);
  });

  await test.step('the owner’s project and task are unchanged', async () => {
    const res = await owner.get(`/api/projects/${projectId}`);
    expect(res.status()).toBe(200);
    const body = JSON.stringify(await res.json());
    expect(body).toContain(projectName);
    expect(body).not.toContain('Hijacked');
    await page.goto(`/projects/${projectId}`);
    await expect(page.getByRole('heading', { name: projectName, exact: true })).toBeVisible();
    const task = page.getByRole('checkbox', { name: taskTitle, exact: true });
    await expect(task).toBeVisible();
    await expect(task).not.toBeChecked();
    await expect(page.getByText('Injected task')).toHaveCount(0);
    await expect(page.getByText('Hijacked task')).toHaveCount(0);
  });
});

test('the REST API refuses anonymous callers with 401 unauthorized', async ({ request }) => {
  const res = await request.get('/api/projects');
  expect(res.status()).toBe(401);
  expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: 'Please log in to continue.' } });
});
