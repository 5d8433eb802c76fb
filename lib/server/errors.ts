// Orbit's one error model for HTTP answers. Every refusal anywhere (the mutation wrapper, route handlers, the
// request hook, the collector, the relays, the billing webhook) is an AppError with a code from the table below, and
// reaches the client through errorResponse() (or writeErrorResponse() before Next) as `{ error: { code, message } }`
// with the code's status. Anything else thrown is an internal error whose details never reach the client.
// No imports: the edge runtime and the browser (types only) read this module too.
import type { ServerResponse } from 'node:http';

/** Every error code Orbit answers with, and its HTTP status. */
export const STATUS = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  payment_failed: 402,
  plan_limit: 403,
  payload_too_large: 413,
  method_not_allowed: 405,
  unsupported_media_type: 415,
  internal: 500,
  // Signed webhooks (a provider's delivery, lib/billing/webhook).
  missing_signature: 400,
  invalid_signature: 400,
  invalid_payload: 400,
  not_configured: 404,
  // Relays to third parties (lib/relay): a destination this deployment does not report to, and gateway errors (the
  // request was fine; the third party did not answer usably, or failed moments ago and is not tried again yet).
  forbidden_destination: 403,
  upstream_unreachable: 502,
  upstream_unavailable: 503,
  upstream_timeout: 504,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof STATUS;

export type FieldErrors = Record<string, string[]>;

/** What a client receives under `error`. */
export type ErrorBody = {
  code: ErrorCode;
  message: string;
  fieldErrors?: FieldErrors;
  /** Seconds; also sent as Retry-After. */
  retryAfter?: number;
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { fieldErrors?: FieldErrors; retryAfter?: number } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return STATUS[this.code];
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message, ...this.extra };
  }
}

export const notFound = (what = 'Resource') => new AppError('not_found', `${what} not found.`);
export const forbidden = (message = 'You do not have access to this resource.') => new AppError('forbidden', message);
export const unauthorized = () => new AppError('unauthorized', 'Please log in to continue.');
export const conflict = (message: string) => new AppError('conflict', message);
export const badRequest = (message: string) => new AppError('validation', message);

/** The answer an unexpected failure gets: nothing of the cause reaches the client. */
export const internalError = (message = 'Something went wrong on our side. Please try again.') => new AppError('internal', message);

function wire(error: AppError | ErrorBody): { status: number; body: { error: ErrorBody }; retryAfter?: number } {
  const body = error instanceof AppError ? error.toBody() : error;
  return { status: STATUS[body.code], body: { error: body }, retryAfter: body.retryAfter };
}

/** The one HTTP answer for an error: `{ error: { code, message, … } }`, the code's status, Retry-After when given. */
export function errorResponse(error: AppError | ErrorBody, headers?: HeadersInit): Response {
  const { status, body, retryAfter } = wire(error);
  const out = new Headers(headers);
  if (retryAfter !== undefined) out.set('retry-after', String(retryAfter));
  return Response.json(body, { status, headers: out });
}

/** The same answer written on a Node response, for the request hook that answers before Next (request-hook.ts). */
export function writeErrorResponse(res: ServerResponse, error: AppError, headers: Record<string, string> = {}): void {
  const { status, body, retryAfter } = wire(error);
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': new TextEncoder().encode(text).byteLength,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...(retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {}),
    ...headers,
  });
  res.end(text);
}
