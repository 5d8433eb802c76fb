// Local flag evaluation with PostHog's own bucketing, so an id gets the same answer here as from PostHog's local
// evaluation of the same definition: sha1(`${key}.${distinctId}${salt}`), first 15 hex digits / 0xfffffffffffffff.
import 'server-only';
import { createHash } from 'node:crypto';
import { FLAGS, type FlagDefinition } from './definitions';

const LONG_SCALE = 0xfffffffffffffff;

/** A number in [0, 1], uniform over distinct ids, stable per (flag, id, salt). */
export function flagHash(flagKey: string, distinctId: string, salt = ''): number {
  const hex = createHash('sha1').update(`${flagKey}.${distinctId}${salt}`).digest('hex');
  return parseInt(hex.slice(0, 15), 16) / LONG_SCALE;
}

export type FlagResult = {
  key: string;
  enabled: boolean;
  /** The variant for multivariate flags when enabled, otherwise null. */
  variant: string | null;
  /** `flags` answers a boolean, or the variant key. */
  value: boolean | string;
  payload: unknown;
  reason: 'condition_match' | 'out_of_rollout_bound';
};

export function evaluateFlag(flag: FlagDefinition, distinctId: string): FlagResult {
  // PostHog: out of rollout when hash > percentage / 100.
  const enabled = flagHash(flag.key, distinctId) <= flag.rolloutPercentage / 100;
  let variant: string | null = null;
  if (enabled && flag.type === 'multivariate') {
    const hash = flagHash(flag.key, distinctId, 'variant');
    let min = 0;
    for (const v of flag.variants ?? []) {
      const max = min + v.rolloutPercentage / 100;
      if (hash >= min && hash < max) {
        variant = v.key;
        break;
      }
      min = max;
    }
  }
  // Multivariate flags whose hash falls outside every variant (only possible at exactly 1.0) count as off.
  const on = enabled && (flag.type === 'boolean' || variant !== null);
  const payloadKey = variant ?? (on ? 'true' : undefined);
  return {
    key: flag.key,
    enabled: on,
    variant,
    value: variant ?? on,
    payload: payloadKey === undefined ? undefined : flag.payloads?.[payloadKey],
    reason: on ? 'condition_match' : 'out_of_rollout_bound',
  };
}

/** Every flag for one distinct id. */
export function evaluateFlags(distinctId: string, flags: readonly FlagDefinition[] = FLAGS): Record<string, FlagResult> {
  return Object.fromEntries(flags.map((f) => [f.key, evaluateFlag(f, distinctId)]));
}
