// Real users for unit tests: signed up through Better Auth's in-process API (no form, no HTTP), with the session
// cookie a browser would hold. The app is imported on first use, so a test's vi.mock and vi.stubEnv calls apply.

export type TestUser = { userId: string; email: string; password: string; cookie: string };

let counter = 0;

/** A new user with a session; `email` defaults to a unique address. */
export async function signUp({ name = 'Test User', email, password = 'correct horse battery' }: { name?: string; email?: string; password?: string } = {}): Promise<TestUser> {
  const { auth } = await import('@/lib/auth/config');
  const address = email ?? `user-${Date.now().toString(36)}-${++counter}@example.test`;
  const { headers, response } = await auth.api.signUpEmail({ body: { name, email: address, password }, returnHeaders: true });
  const token = /orbit\.session_token=([^;]+)/.exec(headers.get('set-cookie') ?? '')?.[1];
  if (!token) throw new Error('sign-up set no session cookie');
  return { userId: response.user.id, email: address, password, cookie: `orbit.session_token=${token}` };
}

/** A new user who owns a new workspace named `workspace`. */
export async function signUpWithWorkspace(workspace: string, user: Parameters<typeof signUp>[0] = {}): Promise<TestUser & { workspaceId: string }> {
  const signedUp = await signUp(user);
  const { createFirstWorkspace } = await import('@/lib/onboarding/state');
  const { id } = await createFirstWorkspace(signedUp.userId, workspace);
  return { ...signedUp, workspaceId: id };
}
