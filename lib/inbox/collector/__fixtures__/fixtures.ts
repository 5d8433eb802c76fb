// Requests recorded from the real SDKs (see __fixtures__/record/README.md): raw body bytes, headers and URL.
import posthogRequests from './posthog-requests.json';
import sentryRequests from './sentry-requests.json';

type Recorded = { method: string; url: string; headers: Record<string, string>; body_base64: string };

export type PosthogFixture = keyof typeof posthogRequests;
export type SentryFixture = keyof typeof sentryRequests;

export function recorded(name: PosthogFixture | SentryFixture): Recorded & { body: Uint8Array<ArrayBuffer> } {
  const r = ((posthogRequests as Record<string, Recorded>)[name] ?? (sentryRequests as Record<string, Recorded>)[name])!;
  return { ...r, body: new Uint8Array(Buffer.from(r.body_base64, 'base64')) };
}

/** The recorded request, replayed against `origin` (a route handler called directly). */
export function recordedRequest(name: PosthogFixture | SentryFixture, origin = 'http://127.0.0.1:3104'): Request {
  const r = recorded(name);
  return new Request(new URL(r.url, origin), { method: r.method, headers: r.headers, body: r.body });
}

export const POSTHOG_FIXTURES = Object.keys(posthogRequests) as PosthogFixture[];
export const SENTRY_FIXTURES = Object.keys(sentryRequests) as SentryFixture[];
