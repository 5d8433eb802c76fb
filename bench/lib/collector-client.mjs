// Starts the benchmark's collector (bench/lib/collector.mjs) as a child process and reads its counters.
import path from 'node:path';
import { LOG_DIR, PORTS, ROOT } from './app.mjs';
import { start } from './processes.mjs';

/** Ports default to `npm run bench`'s; bench/load.mjs passes its own (and no blackhole: port 0). */
export async function startCollector({ delayMs, port = PORTS.collector, blackholePort = PORTS.blackhole, logFile = path.join(LOG_DIR, 'collector.log') }) {
  const p = start('collector', process.execPath, [path.join(ROOT, 'bench/lib/collector.mjs'), '--port', String(port), '--blackhole', String(blackholePort), '--delay', String(delayMs)], {
    cwd: ROOT,
    env: { ...process.env },
    logFile,
    ipc: true,
  });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the collector did not start within 10 s')), 10_000);
    p.child.on('message', (m) => {
      if (m?.ready) {
        clearTimeout(timer);
        resolve();
      }
    });
    p.child.on('exit', (code) => reject(new Error(`the collector exited (${code}); is port ${port}${blackholePort ? ` or ${blackholePort}` : ''} taken?`)));
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    process: p,
    url: base,
    async stats() {
      return (await fetch(`${base}/__bench/stats`)).json();
    },
    async reset() {
      await fetch(`${base}/__bench/reset`, { method: 'POST' });
    },
  };
}
