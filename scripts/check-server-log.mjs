#!/usr/bin/env node
// The e2e server's log must be clean: every line that looks like a warning or an error (Node's `(node:…) Warning`,
// Next's ⚠/⨯ markers, "Error", "Unhandled", "deprecated"…) fails the run unless an entry of ALLOWED below explains
// it. scripts/test.mjs runs this after the Playwright stage on the log e2e/support/tee-server.mjs wrote.
// See docs/reliability.md ("A clean server log") and docs/testing.md.
//
//   node scripts/check-server-log.mjs <log file>     prints the unexpected lines, exit code 1 when there are any
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What counts as a warning or an error in a server log line. */
// No word boundary in front: Node names its warnings and errors MaxListenersExceededWarning, TypeError…
export const SUSPICIOUS = /(warn(ing)?|errors?|exception)\b|\b(err_[a-z_]+|unhandled|uncaught|fatal|deprecat\w*|panic|failed)\b|⚠|⨯/i;

/**
 * Lines that look like warnings or errors but are expected, each with why. Keep it short and specific: an entry
 * matches one known message, never a whole class of them.
 */
export const ALLOWED = [
  {
    // The e2e server runs in local mode on purpose (e2e/support/test-server.ts); lib/startup-mode.ts says so
    // loudly at start, as it must on a real deployment.
    pattern: /^\[orbit\] !!! LOCAL MODE IS ON IN PRODUCTION \(LOCAL_INBOX=1\) !!!/,
    reason: 'the startup banner of the local-mode test server',
  },
  {
    // e2e/errors.spec.ts and e2e/crash.spec.ts break things on purpose through the local-only debug surface
    // (debug/errors.ts); Next logs each of those errors (⨯ Error: Orbit debug: … error m<marker>).
    pattern: /Orbit debug: (server-component|server-action|route-handler|edge-route) error\b/,
    reason: 'errors the specs provoke on purpose',
  },
  {
    // Better Auth logs every refused sign-in at WARN (useful to an operator watching for brute force);
    // e2e/auth.spec.ts signs in with a wrong password and an unknown email on purpose.
    pattern: /^\S+ WARN \[Better Auth\]: (Invalid password|User not found)$/,
    reason: 'failed sign-ins the auth spec provokes on purpose',
  },
];

/** Lines that only continue an entry already judged on its first line (stack frames, Node's hint after a warning). */
const CONTINUATION = /^\s+at\s|^\(Use `node --trace-\w+ \.\.\.` to show where the warning was created\)$/;

/**
 * The unexpected lines of a log, with how often each occurred (ANSI colours stripped, duplicates counted once).
 * @param {string} text
 * @returns {{ line: string; count: number }[]}
 */
export function unexpectedLines(text, allowed = ALLOWED) {
  const found = new Map();
  for (const raw of text.replace(/\u001b\[[0-9;]*m/g, '').split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (!line || CONTINUATION.test(line) || !SUSPICIOUS.test(line)) continue;
    if (allowed.some((entry) => entry.pattern.test(line.trim()))) continue;
    found.set(line, (found.get(line) ?? 0) + 1);
  }
  return [...found].map(([line, count]) => ({ line, count }));
}

/**
 * Checks a log file; prints a report. Returns the process exit code (0 clean, 1 unexpected lines or no log).
 * @param {string} file
 */
export function checkServerLog(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`Server log check: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const bad = unexpectedLines(text);
  if (bad.length === 0) {
    console.log(`✓ server log clean (${file}: ${text.split('\n').length - 1} lines, no unexpected warning or error)`);
    return 0;
  }
  console.error(`✗ server log: ${bad.length} unexpected warning/error line(s) in ${file}:`);
  for (const { line, count } of bad.slice(0, 30)) console.error(`  ${count > 1 ? `(${count}×) ` : ''}${line}`);
  if (bad.length > 30) console.error(`  … and ${bad.length - 30} more`);
  console.error('  Fix the cause, or add an entry with its reason to ALLOWED in scripts/check-server-log.mjs.');
  return 1;
}

const isCli = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isCli) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node scripts/check-server-log.mjs <log file>');
    process.exit(2);
  }
  process.exit(checkServerLog(file));
}
