// Preloaded into each `next start` of the load benchmark (NODE_OPTIONS=--import): when the process exits — after
// Orbit's SIGTERM flush (lib/analytics/server/shutdown.ts holds Next's exit until the queue is delivered) — it
// writes the server analytics client's own counters (captured, sent, failed, dropped, invalid, queued) to
// $ORBIT_BENCH_ANALYTICS_STATS.<pid>.json. That is how many events the app says it produced, read without any
// product code knowing about the benchmark. The client lives on globalThis (lib/analytics/server/client.ts).
import fs from 'node:fs';

const target = process.env.ORBIT_BENCH_ANALYTICS_STATS;
if (target) {
  process.on('exit', (code) => {
    const client = globalThis[Symbol.for('orbit.serverAnalytics')];
    if (!client || typeof client.stats !== 'function') return;
    try {
      fs.writeFileSync(`${target}.${process.pid}.json`, JSON.stringify({ pid: process.pid, exitCode: code, at: Date.now(), ...client.stats() }));
    } catch {
      // The benchmark reports the missing file.
    }
  });
}
