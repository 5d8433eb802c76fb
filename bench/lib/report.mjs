// Turns the benchmark's JSON result into the Markdown report (bench/results/latest.md and the table section of
// docs/performance.md).

const kb = (b) => (Number.isFinite(b) ? `${(b / 1024).toFixed(1)} KB` : '—');
const ms = (v) => (Number.isFinite(v) ? `${Math.round(v)} ms` : '—');
const ms1 = (v) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : '—');
const x = (r) => (Number.isFinite(r) ? `${r.toFixed(2)}×` : '—');
const spread = (s, f) => (s && s.n ? `${f(s.median)} (${f(s.min)}–${f(s.max)})` : '—');
const iqr = (s, f) => (s && s.n ? `${f(s.p25)}–${f(s.p75)}` : '—');
const mb = (b) => (Number.isFinite(b) ? `${Math.round(b / 1048576)} MB` : '—');

export function targetsTable(result) {
  const rows = result.targets.map((t) => `| ${t.label} | ${t.target} | ${t.measured} | ${t.pass === null ? 'n/a' : t.pass ? '**PASS**' : '**FAIL**'} | ${t.note ?? ''} |`);
  return ['| target | goal | measured | result | note |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

export function machineLine(meta) {
  const m = meta.machine;
  return `${m.cores} cores (${m.cpuModel}), ${m.ramGB} GB RAM, Node ${m.node}, Chromium ${m.chromium}, ${m.os}; load average ${m.loadavgStart.map((l) => l.toFixed(1)).join(' / ')} at start, ${m.loadavgEnd.map((l) => l.toFixed(1)).join(' / ')} at end`;
}

export function renderMarkdown(r) {
  const out = [];
  const o = r.meta.options;
  out.push(`# Orbit performance benchmark — ${r.meta.startedAt.slice(0, 16).replace('T', ' ')} UTC`, '');
  out.push(`Machine: ${machineLine(r.meta)}.`, '');
  out.push(
    `Commit ${r.meta.git.commit}${r.meta.git.dirty ? ` + ${r.meta.git.dirty} uncommitted changes` : ''}. Run took ${Math.round(r.meta.durationS)} s ` +
      `(builds: ${Object.entries(r.meta.builds).map(([k, v]) => `${k} ${v.reused ? 'reused' : `${Math.round(v.ms / 1000)} s`}`).join(', ')}).`,
    '',
  );
  for (const n of r.meta.notes) out.push(`> ${n}`, '');

  out.push('## Targets (ratios to the bare build)', '', targetsTable(r), '');

  out.push('## 1. First-load JavaScript (compressed bytes on the wire, real Chromium)', '');
  out.push(`Script responses' \`encodedDataLength\` (gzip body + headers) before the \`load\` event, and in total after the page went quiet (lazy SDKs, recorder). Cold loads, cache off, ${o.byteRuns} per page and build; bytes were identical on every load unless a range is shown.`, '');
  out.push('| page | build | JS before load | JS total | JS requests before / total | HTML | Δ before load vs bare | Δ total vs bare |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const [page, v] of Object.entries(r.pages ?? {})) {
    for (const b of ['bare', 'shipped']) {
      const s = v[b];
      if (!s) continue;
      const span = (q) => (q.min === q.max ? kb(q.median) : `${kb(q.median)} (${kb(q.min)}–${kb(q.max)})`);
      const d = (k) => (b === 'bare' ? '' : `${s[k].median - v.bare[k].median >= 0 ? '+' : ''}${((s[k].median - v.bare[k].median) / 1024).toFixed(1)} KB`);
      out.push(`| \`${page}\` | ${b} | ${span(s.jsBeforeLoad)} | ${span(s.jsTotal)} | ${s.jsRequestsBeforeLoad.median} / ${s.jsRequestsTotal.median} | ${kb(s.htmlBytes.median)} | ${d('jsBeforeLoad')} | ${d('jsTotal')} |`);
    }
  }
  out.push('');
  const late = r.pages?.['/']?.shipped?.lateScripts;
  if (late?.length) out.push(`Loaded after \`load\` on \`/\` (shipped): ${late.map((l) => `\`${l.path}\` ${kb(l.bytes)}`).join(', ')}.`, '');
  if (r.sizeBudget) {
    out.push(
      `Build-output check (scripts/size-budget.mjs, gzip of the chunks \`/\` loads): bare ${kb(r.sizeBudget.bare?.gzip)}, shipped ${kb(r.sizeBudget.shipped?.gzip)} ` +
        `(${r.sizeBudget.shipped && r.sizeBudget.bare ? `${r.sizeBudget.shipped.gzip - r.sizeBudget.bare.gzip >= 0 ? '+' : ''}${r.sizeBudget.shipped.gzip - r.sizeBudget.bare.gzip} B` : '—'}). ` +
        `bench/size-budget.json: bare baseline ${r.sizeBudget.committed?.baselineBareGzipBytes ?? '—'} B, budget ${r.sizeBudget.committed?.budgetGzipBytes ?? '—'} B` +
        (r.sizeBudget.committed && r.sizeBudget.bare && r.sizeBudget.committed.baselineBareGzipBytes !== r.sizeBudget.bare.gzip
          ? ` — this run's bare build is ${r.sizeBudget.bare.gzip - r.sizeBudget.committed.baselineBareGzipBytes >= 0 ? '+' : ''}${r.sizeBudget.bare.gzip - r.sizeBudget.committed.baselineBareGzipBytes} B off the committed baseline (re-baseline only if the app itself changed: docs/performance.md#size-budget).`
          : '.'),
      '',
    );
  }

  if (r.vitals) {
    out.push('## 2. Landing page vitals', '');
    out.push(
      `${o.runs} cold loads of \`/\` per build, interleaved (bare/shipped, order alternating each round), CPU throttled ${o.cpuThrottle}× (Lighthouse's mobile setting). ` +
        `TBT = Σ(long task − 50 ms) from FCP to TTI, TTI = end of the last long task before a ${o.taskQuietMs / 1000} s quiet window (so SDK work after \`load\` counts). ` +
        'Median (min–max), then the interquartile range.',
      '',
    );
    out.push('| metric | bare | shipped | ratio (medians) | bare IQR | shipped IQR |', '| --- | --- | --- | --- | --- | --- |');
    for (const [k, label] of [['lcp', 'LCP'], ['tbt', 'TBT (FCP→TTI)'], ['tbtToLoad', 'TBT (FCP→load)'], ['fcp', 'FCP'], ['load', 'load event'], ['tti', 'TTI']]) {
      const b = r.vitals.bare?.[k];
      const s = r.vitals.shipped?.[k];
      out.push(`| ${label} | ${spread(b, ms)} | ${spread(s, ms)} | ${x(s?.median / b?.median)} | ${iqr(b, ms)} | ${iqr(s, ms)} |`);
    }
    if (r.vitals.shipped?.sdkStart?.n) out.push('', `Shipped: SDK loading started at ${ms(r.vitals.shipped.sdkStart.median)}, both SDKs up at ${ms(r.vitals.shipped.sdkDone?.median)} after navigation start (medians).`);
    out.push('');
  }

  if (r.interactions) {
    out.push('## 2b. Interaction: a click on the hero CTA after load', '');
    out.push(
      `Cold loads of \`/\`, CPU throttled ${o.cpuThrottle}×; a real click on "Start free" (\`[data-cta-id="hero_start_free"]\`, a client-side navigation) 500 ms, 1 s and 2 s after the \`load\` event, ` +
        `${o.interactionRuns} loads per delay and build, interleaved. Delay to next paint = the click's Event Timing \`duration\` (input → first paint after its handlers, as INP measures it, 8 ms steps); ` +
        'input delay = input → handlers start (the main thread was busy). Median (min–max), then the IQR.',
      '',
    );
    out.push('| click after load | bare: next paint | shipped: next paint | ratio | bare IQR | shipped IQR | input delay bare / shipped (medians) |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const [d, i] of Object.entries(r.interactions)) {
      out.push(`| ${d} ms | ${spread(i.bare.nextPaint, ms)} | ${spread(i.shipped.nextPaint, ms)} | ${x(i.shipped.nextPaint.median / i.bare.nextPaint.median)} | ${iqr(i.bare.nextPaint, ms)} | ${iqr(i.shipped.nextPaint, ms)} | ${ms(i.bare.inputDelay.median)} / ${ms(i.shipped.inputDelay.median)} |`);
    }
    out.push('');
  }

  const a = r.api;
  if (a) {
    out.push('## 3. API route under bounded loopback load', '');
    out.push(
      `Route: \`${a.route}\` (creates a task; the mutation wrapper captures one \`task.created\` server event per request; \`api.request\` sampling 0). ` +
        `Saturation: ${o.saturationS} s closed-loop (${o.connections} connections, no rate limit) per scenario and round, ${o.saturationRounds ?? 1} rounds interleaved (order reversed every other round), for throughput: median of the rounds [IQR]. ` +
        `Then bounded load: requests evenly paced at ${a.rate}/s (open loop, at most ${o.connections} connections; latency counted from when each request was due)${o.rate ? '' : ' (half the slowest server’s saturation throughput, so every server is at most half busy)'}, ${o.rounds} rounds × ${o.durationS} s per scenario, scenarios interleaved; latencies merged over the rounds. ` +
        `The collector answers PostHog capture after ${o.delayMs} ms.`,
      '',
    );
    const naiveHow = {
      delivery: 'the shipped server with `POSTHOG_DELIVERY=await` (capture, then `await flush()` inside the request)',
      route: 'the bench-only `POST /api/bench/naive-tasks/[id]` on the shipped build: the same task creation, then a posthog-node client per request, `capture()` and an awaited `shutdown()` (the snippet many docs show); that route\'s wrapper records nothing itself, so each task is captured once',
      missing: 'not available in this tree (the scenario ran Orbit’s normal delivery)',
    }[a.naiveMode];
    if (naiveHow) out.push(`Naive pattern: ${naiveHow}.`, '');
    out.push('| scenario | requests | p50 | p90 | p99 | max | p50 vs bare | p99 vs bare | p50 / p99 per round | saturation req/s | saturation p99 |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const [name, label] of [['bare', 'no analytics (bare build)'], ['shipped', "Orbit's capture (after()-flush)"], ['naive', 'naive: await PostHog per event'], ['blackholed', 'Orbit, PostHog host blackholed'], ['sentryOnly', 'breakdown: shipped with PostHog capture off (Sentry only)'], ['requestSpans', 'option: SENTRY_SERVER_SPANS=requests (no Next.js spans)'], ['errorsOnly', 'option: SENTRY_SERVER_SPANS=none (errors only)'], ['posthogOnly', 'breakdown: Sentry off on the server (PostHog only)']]) {
      const l = a.latency[name];
      if (!l) continue;
      const sat = a.saturation?.[name];
      out.push(
        `| ${label} | ${l.requests}${l.nonOk ? ` (${l.nonOk} non-2xx)` : ''} | ${ms1(l.p50)} | ${ms1(l.p90)} | ${ms1(l.p99)} | ${ms1(l.max)} | ${x(l.p50 / a.latency.bare.p50)} | ${x(l.p99 / a.latency.bare.p99)} | ${(l.rounds ?? []).map((r) => `${r.p50.toFixed(1)} / ${r.p99.toFixed(1)}`).join(' · ')} | ${sat ? `${Math.round(sat.rps)}${sat.rpsStats ? ` [${Math.round(sat.rpsStats.p25)}–${Math.round(sat.rpsStats.p75)}]` : ''}` : '—'} | ${sat ? ms1(sat.p99) : '—'} |`,
      );
    }
    out.push('');
    out.push('## 4. Delivery', '');
    out.push('| server | task.created captured (tasks created) | received by the collector | delivered | all received after load ended |', '| --- | --- | --- | --- | --- |');
    for (const [name, d] of Object.entries(a.delivery)) out.push(`| ${name} | ${d.expected} | ${d.received} | ${name === 'bare' ? 'n/a (analytics off)' : `${((100 * d.received) / Math.max(1, d.expected)).toFixed(1)} %`} | ${d.waitedMs === null ? '—' : `+${ms(d.waitedMs)}`} |`);
    out.push('', `Events received twice (a batch re-sent after a client-side timeout; counted once, by uuid): ${a.collector?.duplicates ?? 0}.`);
    out.push('');
    out.push('## 5. Memory (RSS of the `next start` process group during the API phase)', '');
    out.push('| server | start | peak | end |', '| --- | --- | --- | --- |');
    for (const [name, m] of Object.entries(a.memory)) out.push(`| ${name} | ${mb(m.start)} | ${mb(m.peak)} | ${mb(m.end)} |`);
    out.push('');
  }
  return out.join('\n');
}
