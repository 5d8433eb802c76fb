'use client';
// The client side of Orbit's PostHog wiring, mounted once in the root layout. It does not load posthog-js (browser
// telemetry's loader does, after idle); it serves the server-evaluated flags to `useFlag` (so the first render
// already has them: no flicker) and keeps the SDK's identity in step with the session the server rendered: identify
// + workspace group when signed in, reset when the visitor logs out.
import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import type { FlagKey } from '@/lib/flags/definitions';
import { group, identify, reportFlagUsed, reset, setErrorUser, setSuperProperties } from '@/lib/telemetry/browser';
import type { OrbitBootstrap } from '@/lib/telemetry/browser/snippet';

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
    setSuperProperties(JSON.parse(propsKey) as OrbitBootstrap['props']);
  }, [propsKey]);

  useEffect(() => {
    const [u, w] = JSON.parse(personKey) as [ClientAnalytics['user'], ClientAnalytics['workspace']];
    const previous = lastUser.current;
    lastUser.current = u?.id ?? null;
    if (u) {
      // Merges the anonymous id into the user at sign-up and log-in (`$identify` carries `$anon_distinct_id`).
      identify(u.id, u.props);
      if (w) group('workspace', w.id, w.props);
      setErrorUser({ id: u.id });
    } else if (previous) {
      // Logged out: the next visitor on this browser is a new anonymous person.
      reset();
      setErrorUser(null);
    }
  }, [personKey]);

  return <FlagsContext.Provider value={analytics.flags}>{children}</FlagsContext.Provider>;
}
