// Work that must not delay the next paint: Orbit's own analytics captures. A click's handlers and the paint after
// them are what the visitor waits for (Interaction to Next Paint); a capture — the catalog's validation, posthog-js's
// event properties and its persistence write — is ~12 ms of that at 4× CPU (docs/performance.md, "The click").
// Jobs run in order in a task after the next frame (requestAnimationFrame, then a task), or at once with `flush()`:
// before anything that changes who or what later events are about, and when the page is hidden for good.

export type AfterPaintEnv = {
  requestAnimationFrame?: (cb: () => void) => unknown;
  setTimeout: (cb: () => void, ms: number) => unknown;
  /** A hidden tab paints no frames: its jobs run in the next task instead. */
  hidden: () => boolean;
};

export type AfterPaintQueue = {
  push: (job: () => void) => void;
  /** Runs every pending job now, in order. Never throws: a job's error is rethrown in a task of its own. */
  flush: () => void;
};

/** Past this many waiting jobs (a loop of track() calls, a page that never paints) they run at once: memory stays bounded. */
export const MAX_PENDING = 300;

export function afterPaintQueue(env: AfterPaintEnv = browserEnv()): AfterPaintQueue {
  const pending: (() => void)[] = [];
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    for (const job of pending.splice(0)) {
      try {
        job();
      } catch (error) {
        // A development-mode validation error: it reaches the developer (uncaught, in the console and the dev
        // overlay), never the caller that flushed — a navigation, an identify, the page's hide.
        env.setTimeout(() => {
          throw error;
        }, 0);
      }
    }
  };
  const schedule = (): void => {
    scheduled = true;
    const task = (): void => void env.setTimeout(flush, 0);
    try {
      if (env.requestAnimationFrame && !env.hidden()) env.requestAnimationFrame(task);
      else task();
    } catch {
      task(); // never a throw into the caller's handler (a click's)
    }
  };
  return {
    push(job) {
      pending.push(job);
      if (pending.length >= MAX_PENDING) flush();
      else if (!scheduled) schedule();
    },
    flush,
  };
}

function browserEnv(): AfterPaintEnv {
  return {
    // Called as functions, not as methods of this object: the browser's throw "Illegal invocation" for any other `this`.
    requestAnimationFrame: typeof requestAnimationFrame === 'function' ? (cb) => requestAnimationFrame(cb) : undefined,
    setTimeout: (cb, ms) => setTimeout(cb, ms),
    hidden: () => typeof document !== 'undefined' && document.visibilityState === 'hidden',
  };
}
