import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterPaintQueue, MAX_PENDING, type AfterPaintEnv } from './after-paint';

/** A page whose frames and tasks run when the test says. */
function fakePage(hidden = false) {
  const frames: (() => void)[] = [];
  const tasks: (() => void)[] = [];
  const env: AfterPaintEnv = { requestAnimationFrame: (cb) => frames.push(cb), setTimeout: (cb) => tasks.push(cb), hidden: () => hidden };
  const run = (list: (() => void)[]) => list.splice(0).forEach((cb) => cb());
  return { env, frames, tasks, paint: () => run(frames), task: () => run(tasks) };
}

describe('afterPaintQueue', () => {
  it('runs jobs in order in a task after the next frame, never inside the call', () => {
    const page = fakePage();
    const q = afterPaintQueue(page.env);
    const ran: number[] = [];
    q.push(() => ran.push(1));
    q.push(() => ran.push(2));
    expect(ran).toEqual([]);
    page.task(); // a task before the frame: still waiting for the paint
    expect(ran).toEqual([]);
    page.paint();
    expect(ran).toEqual([]); // the frame only schedules the task: the paint happens first
    page.task();
    expect(ran).toEqual([1, 2]);
    expect(page.frames.length + page.tasks.length).toBe(0);
  });

  it('flush() runs what is pending now, once: the scheduled task then finds nothing', () => {
    const page = fakePage();
    const q = afterPaintQueue(page.env);
    const ran: string[] = [];
    q.push(() => ran.push('tracked'));
    q.flush();
    ran.push('identify');
    page.paint();
    page.task();
    expect(ran).toEqual(['tracked', 'identify']);
    q.push(() => ran.push('later'));
    page.paint();
    page.task();
    expect(ran).toEqual(['tracked', 'identify', 'later']);
  });

  it('a requestAnimationFrame that throws never reaches the caller (a click handler): the jobs run in a task', () => {
    const page = fakePage();
    const q = afterPaintQueue({
      ...page.env,
      requestAnimationFrame: () => {
        throw new TypeError('Illegal invocation');
      },
    });
    const ran: number[] = [];
    expect(() => q.push(() => ran.push(1))).not.toThrow();
    page.task();
    expect(ran).toEqual([1]);
  });

  it('a hidden tab paints no frames: its jobs run in the next task', () => {
    const page = fakePage(true);
    const q = afterPaintQueue(page.env);
    const ran: number[] = [];
    q.push(() => ran.push(1));
    expect(page.frames).toHaveLength(0);
    page.task();
    expect(ran).toEqual([1]);
  });

  it('stays bounded: at MAX_PENDING waiting jobs they run at once, in order, none lost', () => {
    const page = fakePage();
    const q = afterPaintQueue(page.env);
    const ran: number[] = [];
    for (let i = 0; i < MAX_PENDING * 2 + 5; i++) q.push(() => ran.push(i));
    expect(ran).toHaveLength(MAX_PENDING * 2); // two full batches ran inside the calls
    page.paint();
    page.task();
    expect(ran).toEqual(Array.from({ length: MAX_PENDING * 2 + 5 }, (_, i) => i));
  });

  it('one failing job does not stop the others, nor throws into the flush: its error is rethrown in a task of its own', () => {
    const page = fakePage();
    const q = afterPaintQueue(page.env);
    const ran: number[] = [];
    q.push(() => ran.push(1));
    q.push(() => {
      throw new Error('Invalid analytics event');
    });
    q.push(() => ran.push(3));
    page.tasks.length = 0;
    expect(() => q.flush()).not.toThrow();
    expect(ran).toEqual([1, 3]);
    expect(page.tasks).toHaveLength(1);
    expect(() => page.task()).toThrow('Invalid analytics event');
  });
});

describe('afterPaintQueue in a browser (its own globals)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('calls requestAnimationFrame as a function: the browser throws "Illegal invocation" for another `this`', () => {
    const frames: (() => void)[] = [];
    const tasks: (() => void)[] = [];
    vi.stubGlobal('requestAnimationFrame', function (this: unknown, cb: () => void) {
      if (this !== undefined && this !== globalThis) throw new TypeError('Illegal invocation');
      frames.push(cb);
    });
    vi.stubGlobal('setTimeout', (cb: () => void) => tasks.push(cb));
    vi.stubGlobal('document', { visibilityState: 'visible' });
    const q = afterPaintQueue();
    const ran: number[] = [];
    expect(() => q.push(() => ran.push(1))).not.toThrow();
    expect(frames).toHaveLength(1);
    frames.splice(0).forEach((cb) => cb());
    tasks.splice(0).forEach((cb) => cb());
    expect(ran).toEqual([1]);
  });
});
