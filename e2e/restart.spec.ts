// A restart keeps users, projects and subscriptions: this spec runs its own `next start` on port 3201 with its
// own data directory, fills it through the UI, stops the server (SIGTERM, waits for the exit), starts it again
// on the same directory and checks everything is still there.
import { CARDS, checkout, expect, logIn, signUpAndOnboard, test, uniqueName } from './fixtures';
import { E2E_PORT_BASE, newDataDir, startServer, stopServer, type RunningServer } from './support/test-server';

const PORT = E2E_PORT_BASE + 1;

test.describe.configure({ mode: 'serial' });

let server: RunningServer | undefined;

test.afterAll(async () => {
  if (server) await stopServer(server);
  server = undefined;
});

test('a restart keeps users, projects and subscriptions', async ({ freshUser, newPage }, testInfo) => {
  test.setTimeout(240_000);
  const dataDir = newDataDir('restart');
  const workspace = uniqueName('Durable Co');
  const project = uniqueName('Survives restarts');

  await test.step('first run: sign up, onboard with a project, pay for Pro', async () => {
    server = await startServer({ port: PORT, dataDir });
    const page = await newPage({ baseURL: server.url });
    await signUpAndOnboard(page, freshUser, { workspace, project });
    await checkout(page, { plan: 'Pro', card: CARDS.success });
    await expect(page).toHaveURL(/\/billing\?checkout=success/);
    await expect(page.getByTestId('current-plan')).toHaveText('Pro');
  });

  await test.step('stop the server and wait for it to exit', async () => {
    const stopped = server;
    server = undefined;
    if (!stopped) throw new Error('server not started');
    const exit = await stopServer(stopped);
    await testInfo.attach('first-run-server.log', { body: stopped.output(), contentType: 'text/plain' });
    expect(exit.signal === 'SIGKILL', 'the server exits on SIGTERM without needing SIGKILL').toBe(false);
  });

  await test.step('second run on the same data: log in, see workspace, project and Pro', async () => {
    server = await startServer({ port: PORT, dataDir });
    const page = await newPage({ baseURL: server.url });
    await logIn(page, freshUser, /\/dashboard/);
    await expect(page.getByRole('heading', { name: workspace })).toBeVisible();
    await expect(page.getByRole('link', { name: project, exact: true })).toBeVisible();
    await page.goto('/billing');
    await expect(page.getByTestId('current-plan')).toHaveText('Pro');
  });
});
