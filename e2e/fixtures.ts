// The `test` every spec imports: Playwright's, with contexts that look like a real desktop Chrome (user agent from
// playwright.config.ts, launch args from scripts/find-browser.mjs), a fresh user per test, extra fresh contexts
// for second users, the inbox (local collector query API) and a fresh analytics identity.
// The flow helpers follow the UI contract (labels and texts) in docs/testing.md.
import { randomBytes, randomUUID } from 'node:crypto';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { Inbox, type Identity } from './inbox';
import { describeFindings, findingsFor, registerHealthSecrets, watchIdentities, type SentIdentities } from './support/event-health';
import { ROOT } from './support/test-server';
import { registerSecret, registerTypedFields } from './support/typed-secrets';
import { actionBody, actionIds, actionRedirect } from '../test-support/server-actions';
import { JOB_ROLES } from '@/lib/db/schema/enums';

export { expect };

export type TestUser = { name: string; email: string; password: string };

/** A unique, valid user; the email never repeats across tests, workers or runs. */
export function makeUser(label = 'user'): TestUser {
  const id = `${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
  const user = {
    name: `E2E ${label} ${id.slice(-6)}`,
    email: `e2e-${label}-${id}@example.com`,
    password: `pw-${randomBytes(9).toString('base64url')}`,
  };
  // The privacy scan (e2e/privacy.scan.ts) searches every stored payload for these.
  registerSecret('name', user.name);
  registerSecret('email', user.email);
  registerSecret('password', user.password);
  return user;
}

export function uniqueName(prefix: string): string {
  return `${prefix} ${randomBytes(3).toString('hex')}`;
}

/** Sign-up form (opened unless the page is already on it) → lands on onboarding. */
export async function signUp(page: Page, user: TestUser): Promise<void> {
  if (new URL(page.url(), 'http://x').pathname !== '/signup') await page.goto('/signup');
  await page.getByLabel('Name', { exact: true }).fill(user.name);
  await page.getByLabel('Email', { exact: true }).fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/onboarding(\/|$|\?)/);
}

export type OnboardingAnswers = { workspace: string; project?: string; role?: string };

/**
 * Walks every onboarding step from wherever the user is (`/onboarding` redirects to the step still due):
 * profile (the given role, else the first one), workspace, project (Skip when none is given). Ends on /dashboard.
 */
export async function completeOnboarding(page: Page, answers: OnboardingAnswers): Promise<void> {
  // Typed by the user, private like a person's name: the privacy scan searches every stored payload for them.
  registerSecret('workspace', answers.workspace);
  if (answers.project) registerSecret('project', answers.project);
  await page.goto('/onboarding');
  await expect(page).toHaveURL(/\/onboarding\/(profile|workspace|project)|\/dashboard/);
  if (/\/onboarding\/profile/.test(page.url())) {
    const role = page.getByLabel('Your role');
    if (answers.role) await role.selectOption({ label: answers.role });
    else await role.selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page).toHaveURL(/\/onboarding\/workspace/);
  }
  if (/\/onboarding\/workspace/.test(page.url())) {
    await page.getByLabel('Workspace name').fill(answers.workspace);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page).toHaveURL(/\/onboarding\/project/);
  }
  if (/\/onboarding\/project/.test(page.url())) {
    if (answers.project) {
      await page.getByLabel('Project name').fill(answers.project);
      await page.getByRole('button', { name: 'Create project' }).click();
    } else {
      await page.getByRole('button', { name: 'Skip' }).click();
    }
  }
  await expect(page).toHaveURL(/\/dashboard/);
}

const ONBOARDING_ACTIONS = {
  profile: { file: 'lib/onboarding/actions.ts', name: 'saveProfileStepAction' },
  workspace: { file: 'lib/onboarding/actions.ts', name: 'createWorkspaceStepAction' },
  project: { file: 'lib/onboarding/actions.ts', name: 'projectStepAction' },
} as const;
let onboardingActionIds: Record<keyof typeof ONBOARDING_ACTIONS, string> | undefined;

/** One onboarding step through its server action, as the step's form posts it; it must redirect to `to`. */
async function onboardingStep(page: Page, origin: string, step: keyof typeof ONBOARDING_ACTIONS, fields: Record<string, string>, to: RegExp): Promise<void> {
  onboardingActionIds ??= actionIds(ROOT, process.env.NEXT_DIST_DIR || '.next', ONBOARDING_ACTIONS);
  const res = await page.request.post(`${origin}/onboarding/${step}`, {
    headers: { 'next-action': onboardingActionIds[step], accept: 'text/x-component', origin },
    multipart: actionBody(fields),
  });
  expect(res.status(), `onboarding ${step}`).toBe(200);
  expect(actionRedirect(res.headers()['x-action-redirect']) ?? `no redirect (the action answered: ${(await res.text()).slice(0, 300)})`, `onboarding ${step}`).toMatch(to);
}

/** The origin `page`'s requests go to: its context's baseURL, or the server given to newPage. */
async function originOf(page: Page): Promise<string> {
  return new URL((await page.request.get('/api/health')).url()).origin;
}

/**
 * Signs `user` up and in through Better Auth's endpoints (what the form's action calls), without the UI; the session
 * cookie lands in `page`'s browser context. The endpoint answers a taken email like a new one and signs nobody in
 * (docs/security.md, account enumeration), so a sign-in follows. `origin`: another server than the context's.
 * Returns the origin used.
 */
export async function signUpViaApi(page: Page, user: TestUser, origin?: string): Promise<string> {
  const base = origin ?? (await originOf(page));
  const credentials = { headers: { origin: base }, data: { email: user.email, password: user.password } };
  const signedUp = await page.request.post(`${base}/api/auth/sign-up/email`, { ...credentials, data: { ...credentials.data, name: user.name } });
  expect(signedUp.status(), `sign-up: ${(await signedUp.text()).slice(0, 300)}`).toBe(200);
  const signedIn = await page.request.post(`${base}/api/auth/sign-in/email`, credentials);
  expect(signedIn.status(), `sign-in: ${(await signedIn.text()).slice(0, 300)}`).toBe(200);
  return base;
}

/**
 * The onboarding steps through their server actions, as each step's form posts them: profile (the given role, else
 * the first), workspace, then the project step (created, or Skip) unless `stopBefore: 'project'`.
 */
export async function onboardViaApi(page: Page, answers: OnboardingAnswers & { stopBefore?: 'project' }, origin?: string): Promise<void> {
  const base = origin ?? (await originOf(page));
  registerSecret('workspace', answers.workspace);
  if (answers.project) registerSecret('project', answers.project);
  await onboardingStep(page, base, 'profile', { intent: 'continue', jobRole: answers.role ?? JOB_ROLES[0] }, /^\/onboarding\/workspace$/);
  await onboardingStep(page, base, 'workspace', { name: answers.workspace }, /^\/onboarding\/project$/);
  if (answers.stopBefore === 'project') return;
  await onboardingStep(page, base, 'project', answers.project ? { intent: 'create', name: answers.project } : { intent: 'skip' }, /^\/dashboard$/);
}

/**
 * `signUp` + `completeOnboarding` without driving the forms, through the same endpoints they use; ends on
 * /dashboard as they do. For tests whose subject is neither: the funnel, auth, onboarding and analytics specs (and
 * those that check what typing into the forms sends) drive the forms.
 */
export async function signUpAndOnboard(page: Page, user: TestUser, answers: OnboardingAnswers): Promise<void> {
  const origin = await signUpViaApi(page, user);
  await onboardViaApi(page, answers, origin);
  await page.goto(`${origin}/dashboard`);
  await expect(page).toHaveURL(/\/dashboard/);
}

/** Login form; `expectTo` is where a successful login should land (default: anywhere but /login). */
export async function logIn(page: Page, user: Pick<TestUser, 'email' | 'password'>, expectTo: RegExp = /\/(dashboard|onboarding)/): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(expectTo);
}

/** The app shell's `Log out` button; ends on the landing page. */
export async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/^http:\/\/[^/]+\/(\?.*)?$/);
}

/** Creates a project from the dashboard and opens it; returns its id (from /projects/<id>). */
export async function createProject(page: Page, name: string): Promise<string> {
  registerSecret('project', name);
  await page.goto('/dashboard');
  await page.getByLabel('Project name').fill(name);
  await page.getByRole('button', { name: 'Create project' }).click();
  const link = page.getByRole('link', { name, exact: true });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(/\/projects\/[^/?#]+/);
  await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
  return projectIdFromUrl(page.url());
}

function projectIdFromUrl(url: string): string {
  const match = /\/projects\/([^/?#]+)/.exec(url);
  if (!match?.[1]) throw new Error(`Not a project URL: ${url}`);
  return decodeURIComponent(match[1]);
}

/** On a project page: adds a task, waits until the server saved it, and returns its checkbox. */
export async function addTask(page: Page, title: string) {
  registerSecret('task', title);
  await page.getByLabel('New task').fill(title);
  await page.getByRole('button', { name: 'Add task' }).click();
  const checkbox = page.getByRole('checkbox', { name: title, exact: true });
  // The row appears at once (optimistic) and stays disabled until the server answered: leaving the page before that
  // would cancel the request.
  await expect(checkbox).toBeEnabled();
  return checkbox;
}

export const CARDS = { success: '4242 4242 4242 4242', declined: '4000 0000 0000 0002' } as const;

/**
 * From /pricing (signed in): `Upgrade to <Plan>` → Orbit's hosted checkout → pay with `card`. `origin`: another
 * server than the test's own.
 */
export async function checkout(
  page: Page,
  { plan = 'Pro', card, amount = '$12.00', origin = '' }: { plan?: 'Pro' | 'Team'; card: string; amount?: string; origin?: string },
): Promise<void> {
  await page.goto(`${origin}/pricing`);
  await page.getByRole('button', { name: `Upgrade to ${plan}` }).click();
  await expect(page).toHaveURL(/\/checkout\/[^/?#]+/);
  registerSecret('card', card);
  registerSecret('cvc', '123');
  registerSecret('name', 'E2E Card Holder');
  await registerHealthSecrets(page.request, ['E2E Card Holder', card]);
  await page.getByLabel('Card number').fill(card);
  await page.getByLabel('Expiry').fill('12 / 34');
  await page.getByLabel('CVC').fill('123');
  await page.getByLabel('Name on card').fill('E2E Card Holder');
  await page.getByRole('button', { name: `Pay ${amount}` }).click();
}

/** Collects the browser's Content-Security-Policy violation reports (console errors) of every page of a context. */
function watchCsp(context: BrowserContext, seen: string[]): void {
  context.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) seen.push(`${message.location().url}: ${message.text()}`);
  });
}

/** Warn-level event-health findings fail too; EVENT_HEALTH_STRICT=0 only prints them (while hunting one down). */
const strictHealth = process.env.EVENT_HEALTH_STRICT !== '0';

type Fixtures = {
  /** CSP violations seen in this test's browser contexts; any at all fails the test (automatic). */
  cspViolations: string[];
  /** The analytics ids (distinct and session) this test's browsers sent events with. */
  sentIdentities: SentIdentities;
  /** Fails the test when the collector found an event-health problem on its own ids (automatic). */
  eventHealth: void;
  /** A unique user that does not exist yet (sign them up with `signUp`). */
  freshUser: TestUser;
  /** Query API of the local collector (PostHog and Sentry traffic), bound to this test's server. */
  inbox: Inbox;
  /** A distinct id nobody else uses and the moment the test started (filter inbox queries with it). */
  identity: Identity;
  /** Opens a page in another fresh real-browser context (a second user); closed after the test. */
  newPage: (options?: { baseURL?: string }) => Promise<Page>;
};

export const test = base.extend<Fixtures>({
  // Whatever a test types into a password, email, name or card field is registered for the privacy scan.
  context: async ({ context }, provide) => {
    await registerTypedFields(context);
    await provide(context);
  },
  cspViolations: [
    async ({ context }, provide) => {
      const seen: string[] = [];
      watchCsp(context, seen);
      await provide(seen);
      expect(seen, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
  sentIdentities: async ({ context }, provide) => {
    const ids: SentIdentities = { distinctIds: new Set(), sessionIds: new Set() };
    watchIdentities(context, ids);
    await provide(ids);
  },
  eventHealth: [
    async ({ request, sentIdentities }, provide, testInfo) => {
      await provide();
      // A test already failing says why itself; a server without the inbox (production mode) has no findings to read.
      if (testInfo.status !== testInfo.expectedStatus || !sentIdentities.distinctIds.size) return;
      const findings = await findingsFor(request, sentIdentities);
      // Errors (the data is wrong) and warnings (suspect) fail the test; warnings are also printed and attached, and
      // with EVENT_HEALTH_STRICT=0 only that (docs/testing.md, "Event health").
      const warnings = findings.filter((f) => f.severity === 'warn');
      if (warnings.length) {
        testInfo.annotations.push({ type: 'event-health warnings', description: describeFindings(warnings) });
        console.warn(`event-health warnings on "${testInfo.title}":\n${describeFindings(warnings)}`);
      }
      const errors = strictHealth ? findings : findings.filter((f) => f.severity === 'error');
      expect(errors, `event-health findings on this test's events (docs/local-inbox.md, "Event health"):\n${describeFindings(errors)}`).toEqual([]);
    },
    { auto: true },
  ],
  freshUser: async ({ request }, provide, testInfo) => {
    const user = makeUser(`w${testInfo.workerIndex}`);
    // What the user will type: the collector's PII rule flags any event carrying it.
    await registerHealthSecrets(request, [user.name, user.email, user.password]);
    await provide(user);
  },
  inbox: async ({ request }, provide) => {
    await provide(new Inbox(request));
  },
  newPage: async ({ browser, baseURL, userAgent, locale, timezoneId, viewport, cspViolations, sentIdentities }, provide) => {
    const contexts: BrowserContext[] = [];
    await provide(async (options) => {
      // Same real-browser options as the default context (the launch args are the browser's, shared).
      const context = await browser.newContext({ userAgent, locale, timezoneId, viewport, baseURL: options?.baseURL ?? baseURL });
      watchCsp(context, cspViolations);
      watchIdentities(context, sentIdentities);
      contexts.push(context);
      await registerTypedFields(context);
      return context.newPage();
    });
    await Promise.all(contexts.map((c) => c.close()));
  },
  identity: async ({}, provide) => {
    await provide({ distinctId: `e2e-${randomUUID()}`, since: new Date(Date.now() - 1_000).toISOString() });
  },
});
