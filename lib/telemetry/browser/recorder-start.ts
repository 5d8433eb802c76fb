// Starts PostHog's session recorder only when the main thread is idle and no input is in progress. The recorder's
// start is one synchronous task that cannot be split — rrweb serialises the whole DOM (the full snapshot, ~200 ms at
// 4× CPU, docs/performance.md) — so *when* it runs is what decides whether a visitor's click waits for it.
//
// With posthog-js's public API only: posthog-init.ts initialises with `disable_session_recording: true`, then this
// module (1) imports the recorder (`posthog-js/dist/posthog-recorder`, posthog-js's bundled recorder: rrweb + the
// recording class on `window.__PosthogExtensions__`) as a chunk of Orbit's own build, evaluated in a task of its own,
// and (2) calls `posthog.startSessionRecording()` — no override: PostHog's remote config, sampling, linked
// flag and triggers still decide whether anything is recorded, and an opted-out visitor never is — from an idle
// callback once no pointer is held and no pointer/key/touch/wheel input arrived for QUIET_MS. Because the recorder is
// already loaded, posthog-js starts it (and takes the snapshot) synchronously inside that callback; left to itself it
// would fetch `lazy-recorder.js` and take the snapshot in the script's `onload`, at whatever moment the network
// answered. What a recording cannot show is what happened before it started (the early queue still delivers every
// event; replays begin at the snapshot).

/** The part of posthog-js this module uses (public API). */
type RecorderHost = { startSessionRecording: () => void };

/** The window features used, injectable for tests. */
export type RecorderEnv = {
  target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  requestIdleCallback: (cb: (deadline: { didTimeout: boolean }) => void, opts?: { timeout: number }) => unknown;
  now: () => number;
  loadRecorder: () => Promise<unknown>;
};

/** How long after the last input the recorder may start. */
export const QUIET_MS = 400;
/** An idle callback fires at the latest after this long (then still only when no input is in progress). */
const IDLE_TIMEOUT_MS = 3000;

const INPUT_EVENTS = ['pointerdown', 'pointerup', 'pointercancel', 'keydown', 'keyup', 'touchstart', 'touchend', 'wheel', 'click'] as const;

/** Where the recorder start was decided: `performance.mark` names (the benchmark and the e2e test read them). */
const RECORDER_START_MARK = 'orbit:recorder-start';

/**
 * Starts the recorder once: recorder chunk loaded (its own task), then `startSessionRecording()` in an idle
 * callback with no input in progress. `canStart` is asked right before (consent can be refused meanwhile). Returns a
 * cancel function. Never throws into the page.
 */
export function startRecorderWhenQuiet(posthog: RecorderHost, canStart: () => boolean, env: RecorderEnv | undefined = browserEnv()): () => void {
  if (!env || !canStart()) return () => undefined;
  let lastInput = -Infinity;
  const pressed = new Set<number>(); // pointers held down (a press, a drag, a long touch)
  let cancelled = false;
  const onInput = (e: Event): void => {
    lastInput = env.now();
    const id = (e as PointerEvent).pointerId ?? 0;
    if (e.type === 'pointerdown') pressed.add(id);
    else if (e.type === 'pointerup' || e.type === 'pointercancel') pressed.delete(id);
  };
  const opts = { capture: true, passive: true } as const;
  for (const type of INPUT_EVENTS) env.target.addEventListener(type, onInput, opts);
  const stop = (): void => {
    cancelled = true;
    for (const type of INPUT_EVENTS) env.target.removeEventListener(type, onInput, opts);
  };
  const quiet = (): boolean => pressed.size === 0 && env.now() - lastInput >= QUIET_MS;

  const start = (): void => {
    if (cancelled) return;
    // Not yet: an input is in progress or just happened (its handlers and next paint may still be pending).
    if (!quiet()) return void env.requestIdleCallback(start, { timeout: IDLE_TIMEOUT_MS });
    stop();
    if (!canStart()) return;
    if (typeof performance !== 'undefined') performance.mark(RECORDER_START_MARK);
    // The recorder is loaded: posthog-js starts it, full snapshot included, synchronously in this idle callback.
    posthog.startSessionRecording();
  };

  // The chunk is fetched right away (init already ran in an idle task) and evaluated in the task that loads it — that
  // is not the snapshot; the start then waits for a quiet idle period. Fetching it at once keeps the recording's start
  // close to init, so a visitor who clicks soon after the page settles is usually recorded from the landing page on.
  env
    .loadRecorder()
    .then(() => {
      if (!cancelled) env.requestIdleCallback(start, { timeout: IDLE_TIMEOUT_MS });
    })
    .catch(stop); // blocked or offline: no recording, nothing thrown into the page
  return stop;
}

function browserEnv(): RecorderEnv | undefined {
  if (typeof window === 'undefined') return undefined;
  return {
    target: window,
    requestIdleCallback:
      'requestIdleCallback' in window
        ? (cb, opts) => window.requestIdleCallback(cb, opts)
        : (cb) => setTimeout(() => cb({ didTimeout: true }), 50),
    now: () => performance.now(),
    loadRecorder: () => import('posthog-js/dist/posthog-recorder'),
  };
}
