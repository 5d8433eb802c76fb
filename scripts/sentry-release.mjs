#!/usr/bin/env node
// CI step: creates the Sentry release the build uploads its source maps to, and (with --deploy) records a deploy.
// A no-op (exit 0) without SENTRY_AUTH_TOKEN, so forks and local runs need nothing.
//   node scripts/sentry-release.mjs [--deploy <environment>] [--finalize]
// Release = SENTRY_RELEASE, else the git commit (what @sentry/nextjs reports by default and what
// withSentryConfig in next.config.js uploads source maps for when SENTRY_AUTH_TOKEN is set at build time).
// API: POST /api/0/organizations/{org}/releases/ `{ version, projects }` (an existing version answers 208),
// PUT …/releases/{version}/ `{ dateReleased }`, POST …/releases/{version}/deploys/ `{ environment }` —
// docs.sentry.io/api/releases/. Host: SENTRY_URL (default https://sentry.io).
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { deploy: { type: 'string' }, finalize: { type: 'boolean', default: false } } });
const e = process.env;

if (!e.SENTRY_AUTH_TOKEN) {
  console.log('sentry release: skipped (no SENTRY_AUTH_TOKEN)');
  process.exit(0);
}
if (!e.SENTRY_ORG || !e.SENTRY_PROJECT) {
  console.error('sentry release: SENTRY_ORG and SENTRY_PROJECT are required with SENTRY_AUTH_TOKEN');
  process.exit(1);
}
const version = e.SENTRY_RELEASE || execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
const base = `${(e.SENTRY_URL || 'https://sentry.io').replace(/\/+$/, '')}/api/0/organizations/${encodeURIComponent(e.SENTRY_ORG)}/releases/`;

async function call(method, url, body) {
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${e.SENTRY_AUTH_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return res.status;
}

try {
  const status = await call('POST', base, { version, projects: [e.SENTRY_PROJECT] });
  console.log(`sentry release: ${version} ${status === 208 ? 'already exists' : 'created'}`);
  const release = `${base}${encodeURIComponent(version)}/`;
  if (values.finalize) {
    await call('PUT', release, { dateReleased: new Date().toISOString() });
    console.log(`sentry release: ${version} finalized`);
  }
  if (values.deploy) {
    await call('POST', `${release}deploys/`, { environment: values.deploy });
    console.log(`sentry release: deploy of ${version} to ${values.deploy} recorded`);
  }
} catch (error) {
  console.error(`sentry release: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
