// The size budget reads Next's build output; this checks it picks exactly the chunks a route's HTML loads,
// on a miniature build directory with the same manifest shapes as `next build` (Next 16, Turbopack).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { firstLoadJs, readBudget } from './size-budget.mjs';

let dir: string;

function fakeBuild({ html }: { html?: string } = {}) {
  dir = mkdtempSync(path.join(tmpdir(), 'orbit-size-'));
  const chunk = (name: string, body: string) => {
    mkdirSync(path.join(dir, 'static', 'chunks'), { recursive: true });
    writeFileSync(path.join(dir, 'static', 'chunks', name), body);
  };
  chunk('runtime.js', 'r'.repeat(2000));
  chunk('polyfill.js', 'p'.repeat(5000));
  chunk('layout.js', 'console.log("layout");'.repeat(50));
  chunk('page.js', 'console.log("page");'.repeat(30));
  chunk('other-route.js', 'x'.repeat(9000));
  writeFileSync(path.join(dir, 'BUILD_ID'), 'test');
  writeFileSync(
    path.join(dir, 'build-manifest.json'),
    JSON.stringify({ polyfillFiles: ['static/chunks/polyfill.js'], rootMainFiles: ['static/chunks/runtime.js'] }),
  );
  writeFileSync(path.join(dir, 'app-path-routes-manifest.json'), JSON.stringify({ '/(marketing)/page': '/', '/(app)/dashboard/page': '/dashboard' }));
  mkdirSync(path.join(dir, 'server', 'app', '(marketing)'), { recursive: true });
  const manifest = {
    entryJSFiles: {
      '[project]/app/layout': ['static/chunks/layout.js'],
      '[project]/app/(marketing)/page': ['static/chunks/layout.js', 'static/chunks/page.js'],
    },
  };
  writeFileSync(
    path.join(dir, 'server', 'app', '(marketing)', 'page_client-reference-manifest.js'),
    `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};\nglobalThis.__RSC_MANIFEST["/(marketing)/page"] = ${JSON.stringify(manifest)};`,
  );
  if (html) writeFileSync(path.join(dir, 'server', 'app', 'index.html'), html);
  return dir;
}

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('first-load JS from the build output', () => {
  it('sums the root main files and the route entry chunks, once each, without the noModule polyfill', () => {
    const result = firstLoadJs(fakeBuild(), '/');
    expect(result.files.map((f) => f.file)).toEqual(['static/chunks/layout.js', 'static/chunks/page.js', 'static/chunks/runtime.js']);
    const gz = (s: string) => gzipSync(Buffer.from(s), { level: 6 }).length;
    expect(result.gzip).toBe(gz('r'.repeat(2000)) + gz('console.log("layout");'.repeat(50)) + gz('console.log("page");'.repeat(30)));
    expect(result.checkedAgainstHtml).toBe(false);
  });

  it('cross-checks a prerendered page and fails when its HTML loads a chunk the manifests do not list', () => {
    const ok = '<script src="/_next/static/chunks/runtime.js" async=""></script><script src="/_next/static/chunks/polyfill.js" noModule=""></script>';
    expect(firstLoadJs(fakeBuild({ html: ok }), '/').checkedAgainstHtml).toBe(true);
    rmSync(dir, { recursive: true, force: true });
    const extra = `${ok}<script src="/_next/static/chunks/other-route.js" async=""></script>`;
    expect(() => firstLoadJs(fakeBuild({ html: extra }), '/')).toThrow(/other-route\.js/);
  });

  it('names the route when it does not exist, and refuses a directory without a build', () => {
    expect(() => firstLoadJs(fakeBuild(), '/nope')).toThrow(/no app route "\/nope"/);
    rmSync(path.join(dir, 'BUILD_ID'));
    expect(() => firstLoadJs(dir, '/')).toThrow(/no production build/);
  });

  it('the committed budget is the bare baseline plus the 10 KB allowance', () => {
    const budget = readBudget();
    expect(budget.allowanceBytes).toBe(10 * 1024);
    expect(budget.budgetGzipBytes).toBe(budget.baselineBareGzipBytes + budget.allowanceBytes);
    expect(budget.baselineBareGzipBytes).toBeGreaterThan(0);
  });
});
