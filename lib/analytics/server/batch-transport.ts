// The fetch posthog-node is given (its public `fetch` option). Flag requests pass through untouched. A batch of
// events (POST …/batch/, PostHog's capture endpoint) is sent here and PostHog's answer is turned into what the
// outbox does next; posthog-node is always told the batch was taken (204), so it never keeps, retries, drops or
// logs a batch on its own: the outbox holds its own copy of every event until PostHog acknowledges it.
//
// Answers, as PostHog documents them: 2xx taken; 408, 429, 5xx, a refused/reset connection or no answer within the
// timeout → try again later (the host or a proxy in front of it is down or overloaded); 413 → the batch is too
// large; any other 4xx → refused (sending the same events again gets the same answer).
import 'server-only';
import type { FetchFn } from './config';

export type BatchOutcome =
  | { kind: 'delivered' }
  | { kind: 'retry'; reason: string }
  | { kind: 'too-large'; reason: string }
  | { kind: 'refused'; reason: string };

const SEVERITY: Record<BatchOutcome['kind'], number> = { delivered: 0, 'too-large': 1, refused: 2, retry: 3 };

function outcomeOfStatus(status: number): BatchOutcome {
  if (status >= 200 && status < 300) return { kind: 'delivered' };
  const reason = `PostHog answered ${status}`;
  if (status === 408 || status === 429 || status >= 500) return { kind: 'retry', reason };
  if (status === 413) return { kind: 'too-large', reason };
  return { kind: 'refused', reason };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const detail = cause && (typeof cause.code === 'string' ? cause.code : typeof cause.message === 'string' ? cause.message : null);
  return `${error.name}: ${error.message}${detail ? ` (${detail})` : ''}`;
}

const isBatch = (url: string, method: string) => method === 'POST' && new URL(url).pathname.endsWith('/batch/');

export class BatchTransport {
  private outcome: BatchOutcome | null = null;

  /**
   * @param send the real transport (global fetch, the in-process collector, a test's)
   * @param timeoutMs how long a batch may wait for its answer
   * @param stop aborts every batch in flight (shutdown's deadline)
   */
  constructor(
    private readonly send: FetchFn,
    private readonly timeoutMs: number,
    private readonly stop: AbortSignal,
  ) {}

  readonly fetch: FetchFn = async (url, options) => {
    if (!isBatch(url, options.method)) return this.send(url, options);
    const outcome = await this.deliver(url, options);
    if (!this.outcome || SEVERITY[outcome.kind] > SEVERITY[this.outcome.kind]) this.outcome = outcome;
    return new Response(null, { status: 204 });
  };

  /** The outcome of the batches sent since the last call (the worst one), or null if none was sent. */
  takeOutcome(): BatchOutcome | null {
    const outcome = this.outcome;
    this.outcome = null;
    return outcome;
  }

  private async deliver(url: string, options: Parameters<FetchFn>[1]): Promise<BatchOutcome> {
    const abort = new AbortController();
    let give: (reason: string) => void = () => {};
    // Raced as well as aborted: a transport that ignores its signal must not hold the batch past the timeout.
    const deadline = new Promise<BatchOutcome>((resolve) => {
      give = (reason) => {
        abort.abort(new Error(reason));
        resolve({ kind: 'retry', reason });
      };
    });
    const onStop = () => give('shutting down');
    const onAbort = () => give('abandoned by posthog-node');
    const timer = setTimeout(() => give(`no answer within ${this.timeoutMs} ms`), this.timeoutMs);
    this.stop.addEventListener('abort', onStop);
    options.signal?.addEventListener('abort', onAbort);
    if (this.stop.aborted) onStop();
    const answer = (async (): Promise<BatchOutcome> => {
      try {
        const response = await this.send(url, { ...options, signal: abort.signal });
        void Promise.resolve(response.body?.cancel()).catch(() => {});
        return outcomeOfStatus(response.status);
      } catch (error) {
        return { kind: 'retry', reason: describe(error) };
      }
    })();
    try {
      return await Promise.race([answer, deadline]);
    } finally {
      clearTimeout(timer);
      this.stop.removeEventListener('abort', onStop);
      options.signal?.removeEventListener('abort', onAbort);
    }
  }
}
