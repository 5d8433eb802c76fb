#!/usr/bin/env node
// First-load JavaScript budget: the gzip size of the client chunks a route loads, read from the build output
// (no server, no browser — fast and deterministic), compared with bench/size-budget.json. Part of `npm test`
// (stage `size`, after `build`); `npm run bench` measures the same thing on the wire in real Chromium.
//
//   node scripts/size-budget.mjs                       check `/` of the build in $NEXT_DIST_DIR (default .next)
//   node scripts/size-budget.mjs --dist .next-bench-bare --json
//   node scripts/size-budget.mjs --dist .next-bench-bare --set-baseline
//                                                      re-measure the bare baseline (a build made with
//                                                      NEXT_PUBLIC_INSTRUMENTATION=off) and rewrite the budget
//
// Which chunks: the build manifest's `rootMainFiles` (Next's runtime, React, instrumentation-client.ts) plus every
// `entryJSFiles` of the route's client reference manifest (root layout, route-group layout, page, global error) —
// exactly the <script async src> tags Next puts into the route's HTML. The `noModule` polyfill chunk is left out
// (modern browsers never download it). Sizes are gzip level 6 (what `next start` sends; CDNs using Brotli send less).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUDGET_FILE = path.join(ROOT, 'bench', 'size-budget.json');

/** The client reference manifest of `route` (e.g. "/" → server/app/(marketing)/page_client-reference-manifest.js). */
function routeManifest(distDir, route) {
  const appPaths = JSON.parse(readFileSync(path.join(distDir, 'app-path-routes-manifest.json'), 'utf8'));
  const key = Object.keys(appPaths).find((k) => appPaths[k] === route && k.endsWith('/page'));
  if (!key) throw new Error(`no app route "${route}" in ${path.join(distDir, 'app-path-routes-manifest.json')}`);
  const file = path.join(distDir, 'server', 'app', `${key}_client-reference-manifest.js`);
  if (!existsSync(file)) throw new Error(`missing ${file}`);
  // The manifest is a script assigning globalThis.__RSC_MANIFEST[key]; run it in an empty sandbox.
  const sandbox = { globalThis: {} };
  sandbox.globalThis = sandbox;
  vm.runInNewContext(readFileSync(file, 'utf8'), sandbox, { timeout: 1000 });
  const manifest = sandbox.__RSC_MANIFEST?.[key];
  if (!manifest?.entryJSFiles) throw new Error(`${file} has no entryJSFiles for ${key}`);
  return { key, manifest };
}

/**
 * The first-load chunks of `route` in the build at `distDir`, with raw and gzip sizes.
 * @returns {{ route: string, files: { file: string, bytes: number, gzip: number }[], bytes: number, gzip: number, checkedAgainstHtml: boolean }}
 */
export function firstLoadJs(distDir, route = '/') {
  const dist = path.resolve(ROOT, distDir);
  if (!existsSync(path.join(dist, 'BUILD_ID'))) throw new Error(`no production build in ${distDir}/ (run next build first)`);
  const buildManifest = JSON.parse(readFileSync(path.join(dist, 'build-manifest.json'), 'utf8'));
  const { manifest } = routeManifest(dist, route);
  const chunks = new Set([...(buildManifest.rootMainFiles ?? []), ...Object.values(manifest.entryJSFiles).flat()]);
  for (const f of buildManifest.polyfillFiles ?? []) chunks.delete(f);

  // When the route was prerendered, its HTML is the ground truth: the same set of async scripts must be in it.
  const htmlFile = path.join(dist, 'server', 'app', route === '/' ? 'index.html' : `${route.slice(1)}.html`);
  let checkedAgainstHtml = false;
  if (existsSync(htmlFile)) {
    const html = readFileSync(htmlFile, 'utf8');
    const inHtml = new Set([...html.matchAll(/<script src="\/_next\/([^"]+)"(?![^>]*noModule)[^>]*>/g)].map((m) => m[1]));
    const missing = [...inHtml].filter((f) => !chunks.has(f));
    if (missing.length) throw new Error(`the prerendered HTML of ${route} loads chunks the manifests do not list: ${missing.join(', ')}`);
    checkedAgainstHtml = true;
  }

  const files = [...chunks].sort().map((file) => {
    const data = readFileSync(path.join(dist, file));
    return { file, bytes: data.length, gzip: gzipSync(data, { level: 6 }).length };
  });
  return {
    route,
    files,
    bytes: files.reduce((a, f) => a + f.bytes, 0),
    gzip: files.reduce((a, f) => a + f.gzip, 0),
    checkedAgainstHtml,
  };
}

export function readBudget() {
  return JSON.parse(readFileSync(BUDGET_FILE, 'utf8'));
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

function main() {
  const args = process.argv.slice(2);
  const flag = (name) => args.includes(`--${name}`);
  const value = (name, fallback) => {
    const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (i < 0) return fallback;
    return args[i].includes('=') ? args[i].split('=').slice(1).join('=') : args[i + 1];
  };
  const distDir = value('dist', process.env.NEXT_DIST_DIR || '.next');
  const budget = readBudget();
  const route = value('route', budget.route ?? '/');
  const result = firstLoadJs(distDir, route);

  if (flag('set-baseline')) {
    const next = {
      ...budget,
      route,
      baselineBareGzipBytes: result.gzip,
      budgetGzipBytes: result.gzip + budget.allowanceBytes,
      measuredAt: new Date().toISOString().slice(0, 10),
      measuredFrom: distDir,
    };
    writeFileSync(BUDGET_FILE, `${JSON.stringify(next, null, 2)}\n`);
    console.log(`size-budget: baseline of ${route} set to ${result.gzip} B gzip (${kb(result.gzip)}); budget ${next.budgetGzipBytes} B.`);
    return 0;
  }
  if (flag('json')) {
    console.log(JSON.stringify({ ...result, budget }, null, 2));
    return 0;
  }
  const over = result.gzip - budget.budgetGzipBytes;
  const added = result.gzip - budget.baselineBareGzipBytes;
  console.log(`First-load JS of ${route} in ${distDir}/ (${result.files.length} chunks${result.checkedAgainstHtml ? ', matches the prerendered HTML' : ''}):`);
  for (const f of result.files) console.log(`  ${f.file.padEnd(48)} ${String(f.gzip).padStart(8)} B gzip  ${String(f.bytes).padStart(8)} B raw`);
  console.log(`  ${'total'.padEnd(48)} ${String(result.gzip).padStart(8)} B gzip (${kb(result.gzip)})`);
  console.log(
    `  bare baseline ${budget.baselineBareGzipBytes} B + allowance ${budget.allowanceBytes} B = budget ${budget.budgetGzipBytes} B; ` +
      `this build adds ${added >= 0 ? '+' : ''}${added} B over bare.`,
  );
  if (over > 0) {
    console.error(`✗ size budget exceeded by ${over} B (${kb(over)}). Instrumentation must load lazily — see docs/performance.md.`);
    console.error('  If the bare app itself grew (a new feature, not instrumentation), re-measure the baseline: docs/performance.md#size-budget.');
    return 1;
  }
  console.log(`✓ within budget (${budget.budgetGzipBytes - result.gzip} B to spare).`);
  return 0;
}

const isCli = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isCli) {
  try {
    process.exit(main());
  } catch (error) {
    console.error(`size-budget: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
