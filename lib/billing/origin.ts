// The origin Orbit is reachable at, for absolute redirect URLs and the local provider's webhook self-POST.
// Forwarding headers (X-Forwarded-Host/-Proto) are never read: any client can send them.
import 'server-only';
import { env } from '@/lib/env';

/**
 * APP_URL (required in production); in development and tests, where it may be unset, the request's Host, so the
 * browser is sent back to the address it used.
 */
export function appOrigin(headers: Headers): string {
  if (env.APP_URL) return new URL(env.APP_URL).origin;
  const host = headers.get('host');
  if (!host) throw new Error('Cannot derive the app origin: set APP_URL');
  return new URL(`http://${host}`).origin;
}

/**
 * Where the local provider POSTs its signed webhook events: APP_URL, else this server's own address as
 * `next start`/`next dev` publish it. Never derived from the request, so no header can send a signed
 * event (and the plan change it carries) to another host.
 */
export function webhookOrigin(): string {
  if (env.APP_URL) return new URL(env.APP_URL).origin;
  return new URL(process.env.__NEXT_PRIVATE_ORIGIN || `http://127.0.0.1:${process.env.PORT || 3000}`).origin;
}
