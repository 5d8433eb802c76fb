// Errors the app raises on purpose. Each maps to one HTTP status and one structured error body;
// anything else is an internal error whose details never reach the client.
export type ErrorCode =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'payment_failed'
  | 'plan_limit'
  | 'payload_too_large'
  | 'method_not_allowed'
  | 'unsupported_media_type'
  | 'internal';

export const STATUS: Record<ErrorCode, number> = {
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
};

export type FieldErrors = Record<string, string[]>;

export type ErrorBody = {
  code: ErrorCode;
  message: string;
  fieldErrors?: FieldErrors;
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
