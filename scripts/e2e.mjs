#!/usr/bin/env node
// `npm run test:e2e [-- args]`: only the Playwright stage of scripts/test.mjs (builds first when no build exists).
// Extra arguments go to Playwright, e.g. `npm run test:e2e -- e2e/auth.spec.ts --headed`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const testScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'test.mjs');
const result = spawnSync(process.execPath, [testScript, '--only=e2e', '--', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
