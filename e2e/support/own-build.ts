// A second production build for specs whose configuration is baked in at build time (NEXT_PUBLIC_* values are
// inlined into the bundles): built into its own dist dir, reused while its configuration is unchanged and it is newer
// than the suite's main build (so `npm test`, which rebuilds the main one, rebuilds this one too).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { NEXT_BIN, ROOT } from './test-server';

const STAMP = 'e2e-build-config.json';

function upToDate(distDir: string, stamp: string): boolean {
  const dir = path.join(ROOT, distDir);
  if (!existsSync(path.join(dir, 'BUILD_ID')) || !existsSync(path.join(dir, STAMP))) return false;
  if (readFileSync(path.join(dir, STAMP), 'utf8') !== stamp) return false;
  const main = path.join(ROOT, process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID');
  return !existsSync(main) || statSync(main).mtimeMs < statSync(path.join(dir, STAMP)).mtimeMs;
}

/** `next build` into `distDir` with `env` (on top of a production environment) unless an up-to-date one is there. */
export async function ensureBuild({ distDir, env }: { distDir: string; env: Record<string, string> }): Promise<{ built: boolean; ms: number }> {
  const stamp = JSON.stringify(env);
  if (upToDate(distDir, stamp)) return { built: false, ms: 0 };
  const started = Date.now();
  rmSync(path.join(ROOT, distDir), { recursive: true, force: true });
  // `next build` with another distDir rewrites the tsconfig it uses: give it its own copy (as bench/lib/app.mjs does).
  const tsconfig = `tsconfig.e2e-${path.basename(distDir).replace(/^\.+/, '')}.json`;
  writeFileSync(path.join(ROOT, tsconfig), readFileSync(path.join(ROOT, 'tsconfig.json')));
  let log = '';
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, [NEXT_BIN, 'build'], {
        cwd: ROOT,
        env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...env, NEXT_DIST_DIR: distDir, NEXT_TSCONFIG_PATH: tsconfig },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const keep = (chunk: Buffer) => {
        log = (log + chunk.toString()).slice(-20_000);
      };
      child.stdout?.on('data', keep);
      child.stderr?.on('data', keep);
      child.once('error', reject);
      child.once('exit', resolve);
    });
    if (code !== 0) throw new Error(`next build into ${distDir} failed (exit ${code}):\n${log}`);
  } finally {
    rmSync(path.join(ROOT, tsconfig), { force: true });
  }
  writeFileSync(path.join(ROOT, distDir, STAMP), stamp);
  return { built: true, ms: Date.now() - started };
}
