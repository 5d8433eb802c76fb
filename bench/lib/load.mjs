// Loopback load on the API route: closed-loop saturation with autocannon, and evenly paced bounded load (runPaced).
// Each response's latency is kept (not just a histogram), so runs of the same scenario from interleaved rounds merge
// into one exact distribution.
import http from 'node:http';
import autocannon from 'autocannon';

/**
 * @param {object} o
 * @param {string} o.url           full URL of the route
 * @param {string} o.cookieHeader  session cookie
 * @param {number} o.connections
 * @param {number} o.durationS
 * @param {number} [o.rate]        overall requests per second (bounded load); omit for closed-loop saturation
 * @returns {Promise<{ latencies: number[], status: Record<string, number>, requests: number, ok: number, errors: number, timeouts: number, durationS: number }>}
 */
/** Closed-loop load with autocannon (saturation when `rate` is omitted). */
export function runLoad({ url, cookieHeader, origin, connections, durationS, rate }) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    const status = {};
    let ok = 0;
    const instance = autocannon(
      {
        url,
        method: 'POST',
        connections,
        duration: durationS,
        ...(rate ? { overallRate: rate } : {}),
        timeout: 30,
        headers: { 'content-type': 'application/json', cookie: cookieHeader, origin },
        body: JSON.stringify({ title: 'Bench task [<id>]' }),
        idReplacement: true,
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          latencies,
          status,
          requests: latencies.length,
          ok,
          errors: result.errors,
          timeouts: result.timeouts,
          durationS: result.duration,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      status[statusCode] = (status[statusCode] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) ok += 1;
    });
  });
}

/**
 * Open-loop paced load: request i is due at start + i / rate, sent over at most `connections` keep-alive sockets.
 * autocannon's own rate limit sends each connection's per-second quota back to back at the top of every second, so
 * latency under it is mostly queueing behind the burst; evenly spaced arrivals measure what a request costs. Latency
 * counts from the moment the request was due (a request waiting for a free socket is late, and that counts).
 * Requests still in flight when the duration ends are awaited, so every request is accounted for.
 */
export async function runPaced({ url, cookieHeader, origin, connections, durationS, rate }) {
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies = [];
  const status = {};
  let ok = 0;
  let errors = 0;
  const inFlight = new Set();
  const send = (dueAt, i) =>
    new Promise((resolve) => {
      const body = JSON.stringify({ title: `Bench task ${process.pid}-${i}` });
      const req = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), cookie: cookieHeader, origin },
          timeout: 30_000,
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - dueAt);
            status[res.statusCode] = (status[res.statusCode] ?? 0) + 1;
            if (res.statusCode >= 200 && res.statusCode < 300) ok += 1;
            resolve();
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        errors += 1;
        resolve();
      });
      req.end(body);
    });

  const start = performance.now();
  const total = Math.round(durationS * rate);
  for (let i = 0; i < total; i++) {
    const dueAt = start + (i * 1000) / rate;
    const wait = dueAt - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const p = send(dueAt, i).finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  return { latencies, status, requests: latencies.length, ok, errors, timeouts: 0, durationS: elapsed };
}
