'use client';
// The client side of Orbit's PostHog wiring, mounted once in the root layout. It does not load posthog-js (the
// loader in instrumentation-client.ts does, after idle); it serves the server-evaluated flags to `useFlag` (so the
// first render already has them: no flicker) and keeps the SDK's identity in step with the session the server
// rendered: identify + workspace group when signed in, reset when the visitor logs out.
import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import type { FlagKey } from '@/lib/flags/definitions';
import { setErrorUser } from '@/lib/errors/client-report';
import { identity, reportFlagUsed, type PersonProperties } from '@/lib/analytics/client/track';
import { orbit, type OrbitBootstrap } from '@/lib/instrumentation/orbit-global';

export type ClientAnalytics = Pick<OrbitBootstrap, 'flags' | 'props' | 'user' | 'workspace'>;

const FlagsContext = createContext<OrbitBootstrap['flags']>({});

/** A flag's value as the server evaluated it for this visitor; records the exposure (`$feature_flag_called`). */
export function useFlag(key: FlagKey): string | boolean | undefined {
  const value = useContext(FlagsContext)[key];
  useEffect(() => reportFlagUsed(key), [key]);
  return value;
}

export function PostHogProvider({ analytics, children }: { analytics: ClientAnalytics; children: ReactNode }) {
  const { user, workspace, props } = analytics;
  const lastUser = useRef<string | null | undefined>(undefined);
  const propsKey = JSON.stringify(props);
  const personKey = JSON.stringify([user, workspace]);

  useEffect(() => {
    const current = JSON.parse(propsKey) as OrbitBootstrap['props'];
    identity.register(current);
    // The delegated click tracking in instrumentation-client.ts reads auth_state from here.
    const b = orbit().b;
    if (b) b.props = current;
  }, [propsKey]);

  useEffect(() => {
    const [u, w] = JSON.parse(personKey) as [ClientAnalytics['user'], ClientAnalytics['workspace']];
    const previous = lastUser.current;
    lastUser.current = u?.id ?? null;
    if (u) {
      // Merges the anonymous id into the user at sign-up and log-in (`$identify` carries `$anon_distinct_id`).
      identity.identify(u.id, u.props as PersonProperties);
      if (w) identity.group('workspace', w.id, w.props as PersonProperties);
      setErrorUser({ id: u.id });
    } else if (previous) {
      // Logged out: the next visitor on this browser is a new anonymous person.
      identity.reset();
      setErrorUser(null);
    }
  }, [personKey]);

  return <FlagsContext.Provider value={analytics.flags}>{children}</FlagsContext.Provider>;
}
