// The recorder's start (rrweb's full snapshot, one long synchronous task) must never land in the middle of an input:
// it runs only from an idle callback, after the recorder chunk is loaded, with no pointer held and no input for
// QUIET_MS. Real EventTarget and events; the idle queue and the clock are driven by the test.
import { describe, expect, it } from 'vitest';
import { QUIET_MS, startRecorderWhenQuiet, type RecorderEnv } from './recorder-start';

function harness(opts: { load?: () => Promise<unknown> } = {}) {
  const target = new EventTarget();
  const idle: Array<() => void> = [];
  let now = 1_000;
  let loaded = false;
  const starts: number[] = [];
  const env: RecorderEnv = {
    target,
    requestIdleCallback: (cb) => idle.push(() => cb({ didTimeout: false })),
    now: () => now,
    loadRecorder: opts.load ?? (async () => void (loaded = true)),
  };
  const posthog = {
    startSessionRecording: () => {
      // The recorder must be loaded by then, or posthog-js would take the snapshot in a script's onload instead.
      expect(loaded || opts.load !== undefined).toBe(true);
      starts.push(now);
    },
  };
  /** Runs the idle callbacks queued so far (and lets promise continuations queue theirs). */
  const runIdle = async (): Promise<void> => {
    await new Promise((r) => setTimeout(r));
    for (const cb of idle.splice(0)) cb();
    await new Promise((r) => setTimeout(r));
  };
  const input = (type: string, pointerId = 1): void => {
    target.dispatchEvent(Object.assign(new Event(type), { pointerId }));
  };
  return { env, posthog, starts, runIdle, input, tick: (ms: number) => void (now += ms), idle };
}

describe('startRecorderWhenQuiet', () => {
  it('loads the recorder, then starts it in an idle callback once nothing happened for a while', async () => {
    const h = harness();
    startRecorderWhenQuiet(h.posthog, () => true, h.env);
    expect(h.starts).toEqual([]); // nothing synchronous at init
    await h.runIdle(); // recorder loaded, quiet since ever: starts in the idle callback
    expect(h.starts).toEqual([1_000]);
    await h.runIdle();
    expect(h.starts).toHaveLength(1); // once
  });

  it('never starts while a pointer is held down, however long, nor within QUIET_MS of its release', async () => {
    const h = harness();
    startRecorderWhenQuiet(h.posthog, () => true, h.env);
    h.input('pointerdown');
    for (let i = 0; i < 10; i++) {
      h.tick(QUIET_MS); // a long press: idle callbacks keep coming, the input is still in progress
      await h.runIdle();
    }
    expect(h.starts).toEqual([]);
    h.input('pointerup');
    h.input('click');
    h.tick(QUIET_MS - 1);
    await h.runIdle();
    expect(h.starts, 'the click may still be waiting for its handlers and paint').toEqual([]);
    h.tick(1);
    await h.runIdle();
    expect(h.starts).toHaveLength(1);
  });

  it('waits QUIET_MS after a key press or a wheel turn', async () => {
    for (const type of ['keydown', 'wheel', 'touchstart']) {
      const h = harness();
      startRecorderWhenQuiet(h.posthog, () => true, h.env);
      h.tick(5_000);
      h.input(type);
      if (type === 'touchstart') h.input('touchend');
      await h.runIdle();
      h.tick(QUIET_MS / 2);
      await h.runIdle();
      expect(h.starts, type).toEqual([]);
      h.tick(QUIET_MS / 2);
      await h.runIdle();
      expect(h.starts, type).toHaveLength(1);
    }
  });

  it('a cancelled pointer (a touch that became a scroll) does not hold the start forever', async () => {
    const h = harness();
    startRecorderWhenQuiet(h.posthog, () => true, h.env);
    h.input('pointerdown', 7);
    h.input('pointercancel', 7);
    h.tick(QUIET_MS);
    await h.runIdle();
    expect(h.starts).toHaveLength(1);
  });

  it('consent refused meanwhile, a blocked recorder chunk or a cancel: never starts, never throws, stops listening', async () => {
    let granted = true;
    const refused = harness();
    startRecorderWhenQuiet(refused.posthog, () => granted, refused.env);
    refused.input('keydown'); // the start waits for a quiet moment…
    granted = false; // …in which consent is refused
    refused.tick(QUIET_MS);
    await refused.runIdle();
    await refused.runIdle();
    expect(refused.starts).toEqual([]);

    const blocked = harness({ load: () => Promise.reject(new Error('blocked')) });
    startRecorderWhenQuiet(blocked.posthog, () => true, blocked.env);
    await blocked.runIdle();
    await blocked.runIdle();
    expect(blocked.starts).toEqual([]);
    expect(blocked.idle).toEqual([]);

    const cancelled = harness();
    const stop = startRecorderWhenQuiet(cancelled.posthog, () => true, cancelled.env);
    stop();
    await cancelled.runIdle();
    expect(cancelled.starts).toEqual([]);
  });
});
