// The signed-in user of a request, from its headers alone (for onRequestError, which has no request scope).
import 'server-only';
import { auth } from '@/lib/auth/config';

export async function userIdFromHeaders(headers: Record<string, string | string[] | undefined>): Promise<string | null> {
  const h = new Headers();
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(', ') : v);
  if (!h.get('cookie')) return null;
  const session = await auth.api.getSession({ headers: h });
  return session?.user.id ?? null;
}
