// The one way the browser talks to Orbit's REST API: method, path, typed response, and a typed ApiError carrying
// the structured error body. Every client→API call goes through `request`, so cross-cutting concerns (tracing
// breadcrumbs, analytics headers) are added here once.
import { addBreadcrumb, currentIdentity } from '@/lib/telemetry/browser';
import { DISTINCT_ID_HEADER, SESSION_ID_HEADER } from '@/lib/analytics/constants';
import type { ErrorBody, ErrorCode, FieldErrors } from '@/lib/server/errors';
import type { ProjectDto, ProjectSummaryDto } from '@/lib/projects/dto';
import type { TaskDto } from '@/lib/tasks/dto';

type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly fieldErrors: FieldErrors | undefined;
  readonly retryAfter: number | undefined;

  constructor(status: number, body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.fieldErrors = body.fieldErrors;
    this.retryAfter = body.retryAfter;
  }
}

function isErrorBody(value: unknown): value is { error: ErrorBody } {
  const error = (value as { error?: unknown } | null)?.error as Partial<ErrorBody> | undefined;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

/** One breadcrumb per API call (method, path, status, duration): the trail Sentry shows before an error. */
function breadcrumb(method: HttpMethod, path: string, status: number, started: number): void {
  addBreadcrumb({
    type: 'http',
    category: 'api',
    message: `${method} ${path} → ${status || 'network error'}`,
    level: status === 0 || status >= 500 ? 'error' : status >= 400 ? 'warning' : 'info',
    data: { method, path, status_code: status, duration_ms: Math.round(performance.now() - started) },
  });
}

/** Same-origin calls carry the PostHog identity, so server events join the browser's person and session. */
function identityHeaders(path: string): Record<string, string> {
  if (!path.startsWith('/') || path.startsWith('//')) return {};
  const { distinctId, sessionId } = currentIdentity();
  return { ...(distinctId ? { [DISTINCT_ID_HEADER]: distinctId } : {}), ...(sessionId ? { [SESSION_ID_HEADER]: sessionId } : {}) };
}

async function request<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
  const started = performance.now();
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...identityHeaders(path),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    breadcrumb(method, path, 0, started);
    throw new ApiError(0, { code: 'internal', message: 'Could not reach Orbit. Check your connection and try again.' });
  }
  breadcrumb(method, path, response.status, started);
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(
      response.status,
      isErrorBody(payload) ? payload.error : { code: 'internal', message: 'Something went wrong on our side. Please try again.' },
    );
  }
  return payload as T;
}

const enc = encodeURIComponent;

/** Typed endpoints of the REST API (docs/api.md and the route handlers under app/api). */
export const api = {
  projects: {
    list: () => request<{ projects: ProjectSummaryDto[] }>('GET', '/api/projects'),
    get: (id: string) => request<{ project: ProjectDto }>('GET', `/api/projects/${enc(id)}`),
    create: (input: { name: string; description?: string }) => request<{ project: ProjectDto }>('POST', '/api/projects', input),
    update: (id: string, patch: { name?: string; description?: string }) =>
      request<{ project: ProjectDto }>('PATCH', `/api/projects/${enc(id)}`, patch),
    remove: (id: string) => request<void>('DELETE', `/api/projects/${enc(id)}`),
  },
  tasks: {
    list: (projectId: string) => request<{ tasks: TaskDto[] }>('GET', `/api/projects/${enc(projectId)}/tasks`),
    create: (projectId: string, input: { title: string }) =>
      request<{ task: TaskDto }>('POST', `/api/projects/${enc(projectId)}/tasks`, input),
    update: (id: string, patch: { title?: string; done?: boolean }) => request<{ task: TaskDto }>('PATCH', `/api/tasks/${enc(id)}`, patch),
    remove: (id: string) => request<void>('DELETE', `/api/tasks/${enc(id)}`),
  },
};
