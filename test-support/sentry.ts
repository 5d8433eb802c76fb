// One test double for @sentry/nextjs, for unit tests that assert what product code reports: the real SDK module
// (never initialised here, so every function is a silent no-op) with the reporting functions recording instead.
// Tests mock the module with it rather than listing functions by hand, so product code that starts calling another
// SDK function (suppressTracing, startSpan, getActiveSpan…) keeps working in every test. Test-only.
//
//   vi.mock('@sentry/nextjs', async (importOriginal) => (await import('@/test-support/sentry')).sentryDouble(importOriginal));
//   const { sentryRecorder } = await import('@/test-support/sentry');
import type { SamplingContext } from '@sentry/core';
import type * as SentrySdk from '@sentry/nextjs';

type Sdk = typeof SentrySdk;
type EventLike = { event_id?: string; type?: string; [key: string]: unknown };
type Processor = (event: EventLike) => unknown;

export type CapturedReport = {
  kind: 'exception' | 'request-error';
  error: unknown;
  eventId: string;
  /** Tags of the scopes the capture ran in (withScope), inner ones winning. */
  tags: Record<string, string>;
  user?: { id: string } | null;
  mechanism?: unknown;
};

/** What the code under test handed to the SDK; module state shared by the mock factory and the test. */
export const sentryRecorder = {
  reports: [] as CapturedReport[],
  inits: [] as Record<string, unknown>[],
  eventProcessors: [] as Processor[],
  /** The id the next capture returns (default: 32 hex digits, counting up). */
  nextEventId: undefined as string | undefined,
  reset(): void {
    this.reports = [];
    this.inits = [];
    this.eventProcessors = [];
    this.nextEventId = undefined;
  },
};

/** A scope as product code uses it inside withScope: records tags, user and event processors. */
class RecordingScope {
  tags: Record<string, string> = {};
  user: { id: string } | null | undefined;
  processors: Processor[] = [];
  setTag(key: string, value: string): this {
    this.tags[key] = value;
    return this;
  }
  setTags(tags: Record<string, string>): this {
    Object.assign(this.tags, tags);
    return this;
  }
  setUser(user: { id: string } | null): this {
    this.user = user;
    return this;
  }
  addEventProcessor(processor: Processor): this {
    this.processors.push(processor);
    return this;
  }
  setLevel(): this {
    return this;
  }
  setExtra(): this {
    return this;
  }
  setExtras(): this {
    return this;
  }
  setContext(): this {
    return this;
  }
}

let counter = 0;
const scopes: RecordingScope[] = [];

function record(kind: CapturedReport['kind'], error: unknown, hint?: { event_id?: string; mechanism?: unknown }): string {
  const eventId = hint?.event_id ?? sentryRecorder.nextEventId ?? (++counter).toString(16).padStart(32, '0');
  const tags = Object.assign({}, ...scopes.map((s) => s.tags)) as Record<string, string>;
  const user = scopes.findLast((s) => s.user !== undefined)?.user;
  // What the SDK does: an error event goes through the processors of the scopes it was captured in.
  for (const processor of scopes.flatMap((s) => s.processors)) processor({ event_id: eventId });
  sentryRecorder.reports.push({ kind, error, eventId, tags, ...(user !== undefined ? { user } : {}), ...(hint?.mechanism ? { mechanism: hint.mechanism } : {}) });
  return eventId;
}

/** The module factory for `vi.mock('@sentry/nextjs', …)`. */
export async function sentryDouble(importOriginal: () => Promise<Sdk>): Promise<Sdk> {
  const original = await importOriginal();
  const overrides = {
    init: (options: Record<string, unknown>) => {
      sentryRecorder.inits.push(options);
      return undefined;
    },
    addEventProcessor: (processor: Processor) => {
      sentryRecorder.eventProcessors.push(processor);
    },
    withScope: <T>(callback: (scope: RecordingScope) => T): T => {
      const scope = new RecordingScope();
      scopes.push(scope);
      try {
        return callback(scope);
      } finally {
        scopes.pop();
      }
    },
    captureException: (error: unknown, hint?: { event_id?: string; mechanism?: unknown }) => record('exception', error, hint),
    captureRequestError: (error: unknown) => {
      record('request-error', error);
    },
    // Storing telemetry outside any trace: with no client there is no trace to leave.
    suppressTracing: <T>(callback: () => T): T => callback(),
  };
  // @sentry/nextjs is CommonJS: Node's ESM view of it names only the exports it can detect statically (getActiveSpan,
  // startSpan… are on `default` alone), while an import of the real module in a test finds them all. The double
  // offers all of them too.
  const cjsExports = (original as { default?: Partial<Sdk> }).default ?? {};
  return { ...cjsExports, ...original, ...overrides } as unknown as Sdk;
}

const SAMPLER_CONTEXTS = [
  { name: 'GET /api/projects' },
  { name: 'GET /api/projects', parentSampled: false },
  { name: 'GET /api/projects', parentSampled: true },
  { name: 'POST /onboarding/[step]' },
  { name: 'GET', attributes: { 'url.path': '/sentry/2/envelope/' }, parentSampled: true },
  { name: 'GET /icon.svg' },
] as unknown as SamplingContext[];

/** Init options with the sampler replaced by its decisions on a few traces, so two option objects compare with toEqual. */
export function comparable(options: Record<string, unknown>): Record<string, unknown> {
  const { tracesSampler, ...rest } = options as { tracesSampler?: (ctx: SamplingContext) => unknown };
  return { ...rest, tracesSampler: tracesSampler ? SAMPLER_CONTEXTS.map((ctx) => tracesSampler(ctx)) : undefined };
}
