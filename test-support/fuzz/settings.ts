// How the fuzz suites pick their inputs, so a green main stays green and exploring stays one command away:
// - `npm test` (CI): every property runs the committed corpus (test-support/fuzz/corpus.ts, past counterexamples) first,
//   then FUZZ_RUNS generated inputs from the fixed FIXED_SEED, the same inputs on every run;
// - `npm run test:fuzz -- --seed random --runs N` (scripts/fuzz.mjs): a new seed each time, printed, and on a
//   failure the seed, fast-check's replay path and the counterexample as a corpus entry ready to paste.
// Every property of a run uses the same seed, so one number reproduces any of them. Test-only.
import fc from 'fast-check';

/** The seed `npm test` uses; change it only together with a run that shows the new seed green. */
const FIXED_SEED = 20_261_205;

function readSeed(raw: string | undefined): number {
  if (raw === undefined || raw === '') return FIXED_SEED;
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer (got ${JSON.stringify(raw)}); scripts/fuzz.mjs turns "random" into one`);
  return seed;
}

const FUZZ_SEED = readSeed(process.env.FUZZ_SEED);
/** Generated inputs per property (the corpus comes on top). */
const FUZZ_RUNS = Number(process.env.FUZZ_RUNS || 120);

/** A value as TypeScript source for test-support/fuzz/corpus.ts: JSON, with bytes as `bytes('<base64>')` and FormData as `form([…])`. */
function corpusLiteral(value: unknown): string {
  const marks: string[] = [];
  const mark = (source: string) => `\u0001${marks.push(source) - 1}\u0001`;
  const json = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Uint8Array) return mark(`bytes('${Buffer.from(v).toString('base64')}')`);
    if (v instanceof FormData) return mark(`form(${JSON.stringify([...v.entries()].map(([k, x]) => [k, typeof x === 'string' ? x : '<file>']))})`);
    if (v === undefined) return mark('undefined');
    return v;
  }, 2);
  return (json ?? 'undefined').replace(/"\\u0001(\d+)\\u0001"/g, (_m, i: string) => marks[Number(i)]!);
}

/**
 * Checks `property` on the corpus `examples`, then on FUZZ_RUNS generated inputs from FUZZ_SEED. A failure throws
 * fast-check's report plus how to reproduce it and the counterexample as a corpus entry for `target`.
 */
export async function checkProperty<T>(target: string, property: fc.IAsyncProperty<[T]>, examples: T[] = []): Promise<void> {
  // fast-check counts the examples among numRuns: add them, so FUZZ_RUNS inputs are still generated.
  const details = await fc.check(property, { seed: FUZZ_SEED, numRuns: FUZZ_RUNS + examples.length, examples: examples.map((e) => [e] as [T]) });
  if (!details.failed) return;
  const report = (await fc.asyncDefaultReportMessage(details)) ?? 'property failed';
  const input = details.counterexample?.[0];
  // fast-check runs the examples first: a path starting below their count is a corpus entry failing again.
  const first = Number(details.counterexamplePath?.split(':')[0]);
  if (first < examples.length) throw new Error(`${report}\n\nA regression: entry ${first + 1} of ${JSON.stringify(target)} in test-support/fuzz/corpus.ts fails again.`);
  throw new Error(
    [
      report,
      '',
      `Reproduce: npm run test:fuzz -- --seed ${FUZZ_SEED} --runs ${FUZZ_RUNS} (fast-check path ${details.counterexamplePath}).`,
      `Fix the cause, then add this entry under ${JSON.stringify(target)} in test-support/fuzz/corpus.ts (keep the fields that matter):`,
      `{ input: ${corpusLiteral(input)}, found: 'seed ${FUZZ_SEED} (path ${details.counterexamplePath})', fixed: '<what failed, what fixed it>' },`,
    ].join('\n'),
  );
}
