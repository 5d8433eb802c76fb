// Runs the shared e2e server (`next start`) and keeps everything it prints: stdout and stderr both go to a log file
// (checked after the run by scripts/check-server-log.mjs), and stderr is still passed through so Playwright shows
// it live. Usage: node e2e/support/tee-server.mjs <log file> <command> [args…]
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

const [logFile, command, ...args] = process.argv.slice(2);
if (!logFile || !command) {
  console.error('usage: node e2e/support/tee-server.mjs <log file> <command> [args…]');
  process.exit(2);
}

const log = createWriteStream(logFile, { flags: 'a' });
const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
child.stdout.on('data', (chunk) => log.write(chunk));
child.stderr.on('data', (chunk) => {
  log.write(chunk);
  process.stderr.write(chunk);
});

// Playwright stops the server with a signal; the server gets it too and shuts down gracefully. This process stays
// until the server has exited, so nothing the server prints while shutting down is lost.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}
child.on('error', (error) => {
  console.error(`tee-server: could not start ${command}: ${error.message}`);
  log.end(() => process.exit(127));
});
child.on('close', (code, signal) => {
  log.end(() => process.exit(code ?? (signal ? 128 : 1)));
});
