#!/usr/bin/env node
// Refreshes the inbox screenshots of the docs (docs/img/*.png) against a running Orbit in local mode:
//   node scripts/screenshots.mjs [--origin http://127.0.0.1:3000] [--out docs/img] [--no-journey]
// First it walks the product like a customer in a real Chromium (landing → CTA → sign up → onboarding → first task
// → Pro checkout with the test card 4242), plus a visitor who leaves after the landing page, so every funnel and
// dashboard has something to show; then it captures the inbox views. Run it on a fresh local database (the
// screenshots show whatever the inbox holds). Chromium: scripts/find-browser.mjs.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
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

async function main() {
  const found = findBrowser();
  if (!found.found) throw new Error(found.reason);
  const browser = await chromium.launch({ executablePath: found.executablePath, args: found.args });
  try {
    if (!values['no-journey']) await journey(browser);
    mkdirSync(out, { recursive: true });
    const context = await browser.newContext({ baseURL: origin, viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, userAgent: DESKTOP_CHROME_USER_AGENT });
    const page = await context.newPage();
    for (const shot of SHOTS) {
      await page.goto(shot.path);
      await page.locator(shot.ready).first().waitFor();
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
