// TEMPORARY measurement (not committed): ingest throughput with event health on vs off.
import { gunzipSync } from 'node:zlib';
import { describe, it, vi } from 'vitest';
import type { CaptureBatch } from './posthog-decode';

const flag = vi.hoisted(() => ({ on: true }));
vi.mock('./health', async (importOriginal) => {
  const real = await importOriginal<typeof import('./health')>();
  return { ...real, recordHealth: (...args: Parameters<typeof real.recordHealth>) => (flag.on ? real.recordHealth(...args) : Promise.resolve(0)) };
});
const { storeCapture, clearInbox } = await import('./store');
const fixtures = (await import('@/test-support/fixtures/sdk-requests/posthog-requests.json')).default as Record<string, { body_base64: string }>;
const raw = JSON.parse(gunzipSync(Buffer.from(fixtures['posthog-js-events-gzip']!.body_base64, 'base64')).toString()) as { event: string; properties: Record<string, unknown> }[];
const template = Array.isArray(raw) ? raw : (raw as { batch: typeof raw }).batch;

let n = 0;
function batch(): CaptureBatch {
  const session = `019ae000-0000-7000-8000-${String(++n).padStart(12, '0')}`;
  const events = [];
  for (let i = 0; i < 20; i++) {
    const t = template[i % template.length]!;
    const pageview = i % 5 === 0;
    events.push({
      ...t,
      uuid: crypto.randomUUID(),
      event: pageview ? '$pageview' : i % 5 === 1 ? 'marketing.cta_clicked' : t.event,
      timestamp: new Date().toISOString(),
      distinct_id: `anon-${n}`,
      properties: { ...t.properties, $session_id: session, $pageview_id: `pv-${n}-${i}`, ...(i ? { $prev_pageview_id: `pv-${n}-${i - 1}` } : {}), ...(i % 5 === 1 ? { cta_id: 'hero_start_free', path: '/', destination: '/signup' } : {}) },
    });
  }
  return { events, sentAt: null, apiKey: 'phc' } as CaptureBatch;
}

describe('throughput', () => {
  it('health on vs off', async () => {
    const rounds = 8;
    const per = 40;
    const times: Record<string, number[]> = { on: [], off: [] };
    for (let r = 0; r < rounds; r++) {
      for (const mode of r % 2 ? ['off', 'on'] : ['on', 'off']) {
        flag.on = mode === 'on';
        await clearInbox();
        const c0 = process.cpuUsage();
        for (let i = 0; i < per; i++) await storeCapture(batch());
        const c = process.cpuUsage(c0);
        times[mode]!.push((per * 20) / ((c.user + c.system) / 1e6));
      }
    }
    const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
    console.log('events/s on', times.on!.map(Math.round), 'median', Math.round(med(times.on!)));
    console.log('events/s off', times.off!.map(Math.round), 'median', Math.round(med(times.off!)));
    console.log('ratio off/on', (med(times.off!) / med(times.on!)).toFixed(3));
  }, 600_000);
});
