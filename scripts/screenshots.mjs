#!/usr/bin/env node
// Refreshes the inbox screenshots of the docs (docs/img/*.png) against a running Orbit in local mode:
//   node scripts/screenshots.mjs [--origin http://127.0.0.1:3000] [--out docs/img] [--no-journey]
// First it walks the product like a customer in a real Chromium (landing → CTA → sign up → onboarding → first task
// → Pro checkout with the test card 4242), plus a visitor who leaves after the landing page, so every funnel and
// dashboard has something to show; then it captures the inbox views. Run it on a fresh local database (the
// screenshots show whatever the inbox holds). Chromium: scripts/find-browser.mjs.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { DESKTOP_CHROME_USER_AGENT, findBrowser } from './find-browser.mjs';

const { values } = parseArgs({
  options: {
    origin: { type: 'string', default: process.env.APP_URL ?? 'http://127.0.0.1:3000' },
    out: { type: 'string', default: 'docs/img' },
    'no-journey': { type: 'boolean', default: false },
  },
});
const origin = values.origin.replace(/\/$/, '');
const out = path.resolve(values.out);

/** The views the docs show: file name, path, and the element that says the view is ready. */
const SHOTS = [
  { file: 'inbox-dashboards.png', path: '/dev/inbox/dashboards', ready: '[data-dashboard="activation"]' },
  { file: 'inbox-dashboard-activation.png', path: '/dev/inbox/dashboards/activation', ready: '[data-funnel="acquisition"]' },
  { file: 'inbox-dashboard-revenue.png', path: '/dev/inbox/dashboards/revenue', ready: '[data-funnel="checkout"]' },
  { file: 'inbox-dashboard-reliability.png', path: '/dev/inbox/dashboards/reliability', ready: '[data-insight="api-latency-p95"]' },
  { file: 'inbox-dashboard-executive.png', path: '/dev/inbox/dashboards/executive', ready: '[data-insight="active-users"]' },
  { file: 'inbox-funnels.png', path: '/dev/inbox/funnels', ready: '[data-funnel="onboarding"]' },
  { file: 'inbox-health.png', path: '/dev/inbox/health', ready: '[data-testid="health-view"]' },
];

async function journey(browser) {
  const context = await browser.newContext({ baseURL: origin, userAgent: DESKTOP_CHROME_USER_AGENT });
  const page = await context.newPage();
  const id = randomBytes(4).toString('hex');
  await page.goto('/');
  await page.locator('a[data-cta-id="hero_start_free"]').click();
  await page.waitForURL(/\/signup/);
  await page.getByLabel('Name', { exact: true }).fill('Screenshot User');
  await page.getByLabel('Email', { exact: true }).fill(`screenshots+${id}@example.com`);
  await page.getByLabel('Password', { exact: true }).fill(`orbit-${randomBytes(8).toString('hex')}`);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/\/onboarding\/profile/);
  await page.getByLabel('Your role').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/onboarding\/workspace/);
  await page.getByLabel('Workspace name').fill(`Acme ${id}`);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/onboarding\/project/);
  await page.getByLabel('Project name').fill('Launch');
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.waitForURL(/\/dashboard/);
  await page.getByRole('link', { name: 'Launch', exact: true }).click();
  await page.waitForURL(/\/projects\//);
  await page.getByLabel('New task').fill('Write the announcement');
  await page.getByRole('button', { name: 'Add task' }).click();
  await page.getByRole('checkbox', { name: 'Write the announcement', exact: true }).check();
  await page.goto('/pricing');
  await page.getByRole('button', { name: 'Upgrade to Pro' }).click();
  await page.waitForURL(/\/checkout\//);
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByLabel('Expiry').fill('12 / 34');
  await page.getByLabel('CVC').fill('123');
  await page.getByLabel('Name on card').fill('Screenshot User');
  await page.getByRole('button', { name: /^Pay / }).click();
  await page.waitForURL(/\/billing\?checkout=success/);
  await context.close();

  // A visitor who only looks: enters the acquisition funnel and drops off.
  const visitor = await browser.newContext({ baseURL: origin, userAgent: DESKTOP_CHROME_USER_AGENT });
  const p2 = await visitor.newPage();
  await p2.goto('/');
  await p2.goto('/pricing');
  await p2.waitForTimeout(1500);
  await visitor.close();
  // posthog-js and posthog-node flush in the background: give the collector a moment.
  await new Promise((r) => setTimeout(r, 6000));
}

/**
 * What the errors views and the Sentry replay player show: one bug thrown in two visitors' browsers (one issue, two
 * users), two route-handler errors, and the real Sentry Replay envelope the collector fixtures recorded (Orbit does
 * not turn Sentry Replay on itself). Returns the shots, whose paths depend on what was stored.
 */
async function errorsAndReplay(browser) {
  for (let i = 0; i < 2; i++) {
    const context = await browser.newContext({ baseURL: origin, userAgent: DESKTOP_CHROME_USER_AGENT });
    const page = await context.newPage();
    const sentryUp = page.waitForRequest((r) => /\/sentry\/api\/\d+\/envelope\//.test(r.url()), { timeout: 30_000 });
    await page.goto('/pricing');
    await sentryUp;
    await page.evaluate(() => {
      setTimeout(function applyCoupon() {
        throw new TypeError("Cannot read properties of undefined (reading 'percentOff')");
      }, 0);
    });
    await page.waitForTimeout(2000);
    await context.close();
  }
  for (const marker of ['a', 'b']) await fetch(`${origin}/api/dev/boom?marker=${marker}`);
  const fixtures = JSON.parse(readFileSync('test-support/fixtures/sdk-requests/sentry-requests.json', 'utf8'));
  const replay = fixtures['sentry-browser-replay'];
  const body = Buffer.from(replay.body_base64, 'base64');
  const res = await fetch(`${origin}${replay.url}`, { method: 'POST', headers: replay.headers, body });
  if (!res.ok) throw new Error(`storing the replay fixture answered ${res.status}`);
  const replayId = JSON.parse(body.subarray(0, body.indexOf(10)).toString()).event_id;
  await new Promise((r) => setTimeout(r, 3000));
  const { issues } = await (await fetch(`${origin}/api/dev/inbox/issues`)).json();
  const issue = issues.find((i) => i.title.includes('percentOff')) ?? issues[0];
  return [
    { file: 'inbox-issues.png', path: '/dev/inbox/errors', ready: '[data-testid="issue-list"]' },
    { file: 'inbox-issue.png', path: `/dev/inbox/errors/issues/${issue.id}`, ready: '[data-testid="issue-title"]' },
    { file: 'inbox-sentry-replay.png', path: `/dev/inbox/recordings/${replayId}`, ready: '.rr-player iframe', settle: 2500 },
  ];
}

async function main() {
  const found = findBrowser();
  if (!found.found) throw new Error(found.reason);
  const browser = await chromium.launch({ executablePath: found.executablePath, args: found.args });
  try {
    if (!values['no-journey']) await journey(browser);
    const shots = [...SHOTS, ...(await errorsAndReplay(browser))];
    mkdirSync(out, { recursive: true });
    const context = await browser.newContext({ baseURL: origin, viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, userAgent: DESKTOP_CHROME_USER_AGENT });
    const page = await context.newPage();
    for (const shot of shots) {
      await page.goto(shot.path);
      await page.locator(shot.ready).first().waitFor();
      if (shot.settle) await page.waitForTimeout(shot.settle);
      // The live indicator pulses; hide it so two runs over the same data give the same picture.
      await page.addStyleTag({ content: '[data-testid="inbox-live"]{visibility:hidden}' });
      const file = path.join(out, shot.file);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
    }
    await context.close();
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
