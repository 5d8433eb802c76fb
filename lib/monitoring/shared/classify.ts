// What kind of failure an error is, as two Sentry tags every event carries: `error.category`
// (api | validation | auth | network | unknown) and `error.severity` (high | medium | low). Works on the errors
// Orbit raises on purpose (AppError on the server, ApiError in the browser — matched by shape, so this module
// imports neither and runs in any bundle) and on anything else that was thrown.

type ErrorCategory = 'api' | 'validation' | 'auth' | 'network' | 'unknown';
type ErrorSeverity = 'high' | 'medium' | 'low';
export type Classification = { category: ErrorCategory; severity: ErrorSeverity };

const CODE_CATEGORY: Record<string, ErrorCategory> = {
  validation: 'validation',
  unauthorized: 'auth',
  forbidden: 'auth',
  rate_limited: 'auth',
  not_found: 'api',
  conflict: 'api',
  payment_failed: 'api',
  plan_limit: 'api',
  internal: 'api',
};

function field(error: unknown, key: string): unknown {
  return error !== null && typeof error === 'object' ? (error as Record<string, unknown>)[key] : undefined;
}

export function classifyError(error: unknown): Classification {
  const name = field(error, 'name');
  const message = String(field(error, 'message') ?? '');
  const code = field(error, 'code');
  const status = field(error, 'status');

  if (name === 'ZodError') return { category: 'validation', severity: 'low' };
  if (typeof status === 'number' && status === 0) return { category: 'network', severity: 'medium' };
  if ((name === 'AppError' || name === 'ApiError') && typeof code === 'string' && CODE_CATEGORY[code]) {
    const category = CODE_CATEGORY[code] as ErrorCategory;
    const serverFault = code === 'internal' || (typeof status === 'number' && status >= 500);
    return { category, severity: serverFault ? 'high' : category === 'api' ? 'medium' : 'low' };
  }
  if (
    name === 'AbortError' ||
    name === 'TimeoutError' ||
    /failed to fetch|networkerror|network request failed|load failed|fetch failed|econnrefused|econnreset|etimedout|socket hang up/i.test(message)
  ) {
    return { category: 'network', severity: 'medium' };
  }
  if (typeof status === 'number') {
    if (status === 401 || status === 403) return { category: 'auth', severity: 'low' };
    if (status === 400 || status === 422) return { category: 'validation', severity: 'low' };
    return { category: 'api', severity: status >= 500 ? 'high' : 'medium' };
  }
  return { category: 'unknown', severity: 'high' };
}

/** Digests (and messages) of Next's redirect()/notFound()/forbidden()/unauthorized(), and the legacy not-found. */
const NEXT_CONTROL_FLOW = /^(NEXT_REDIRECT|NEXT_HTTP_ERROR_FALLBACK|NEXT_NOT_FOUND)/;

/** Next's redirect()/notFound()/forbidden()/unauthorized() work by throwing: control flow, never an error report. */
export function isNextControlFlow(error: unknown): boolean {
  return isNextControlFlowText(field(error, 'digest'));
}

/** The same check on a digest or an event's exception value (what remains of the throw once serialised). */
export function isNextControlFlowText(text: unknown): boolean {
  return typeof text === 'string' && NEXT_CONTROL_FLOW.test(text);
}

/** Expected outcomes that are not bugs: validation, auth and rate limits answered with a 4xx. */
export function isExpectedAppError(error: unknown): boolean {
  const code = field(error, 'code');
  return (field(error, 'name') === 'AppError' || field(error, 'name') === 'ApiError') && typeof code === 'string' && code !== 'internal';
}
