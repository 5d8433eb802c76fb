'use client';
// Tracks one catalog event when a server-rendered view is shown (`onboarding.step_viewed`): server pages stay server
// components and still get a typed, validated view event, stamped when the view was shown (`trackView`). Once per mount, also under Strict Mode's double effects.
import { useEffect, useRef } from 'react';
import type { EventName, EventProperties } from '@/lib/analytics/catalog';
import { trackView } from './index';

export function TrackOnMount<N extends EventName>({ event, properties }: { event: N; properties: EventProperties<N> }) {
  const sent = useRef(false);
  const key = JSON.stringify(properties);
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    (trackView as (name: EventName, props: unknown) => void)(event, JSON.parse(key));
  }, [event, key]);
  return null;
}
