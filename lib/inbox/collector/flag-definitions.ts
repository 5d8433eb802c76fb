// PostHog's flag definitions endpoint for posthog-node's local evaluation, answered from Orbit's code-defined
// flags (lib/flags): `GET /flags/definitions?token=…&send_cohorts` (posthog-node 5) and the older
// `GET /api/feature_flag/local_evaluation?token=…`, both with `Authorization: Bearer <personal or secret key>`.
// The shape is PostHog's: `{ flags: [{ key, active, filters: { groups, multivariate, payloads } }], group_type_mapping,
// cohorts }`, so posthog-node evaluates exactly what the collector's /flags answers posthog-js.
import 'server-only';
import { FLAGS, type FlagDefinition } from '@/lib/flags/definitions';
import { AppError, errorResponse } from '@/lib/server/errors';

type FlagDefinitionsResponse = {
  flags: Array<{
    id: number;
    key: string;
    name: string;
    active: boolean;
    deleted: boolean;
    ensure_experience_continuity: boolean;
    filters: {
      groups: Array<{ properties: never[]; rollout_percentage: number; variant: null }>;
      multivariate: { variants: Array<{ key: string; name: string; rollout_percentage: number }> } | null;
      payloads: Record<string, string>;
    };
  }>;
  group_type_mapping: Record<string, string>;
  cohorts: Record<string, never>;
};

function flagDefinitionsResponse(flags: readonly FlagDefinition[] = FLAGS): FlagDefinitionsResponse {
  return {
    flags: flags.map((flag, i) => ({
      id: i + 1,
      key: flag.key,
      name: flag.description,
      active: true,
      deleted: false,
      ensure_experience_continuity: false,
      filters: {
        groups: [{ properties: [], rollout_percentage: flag.rolloutPercentage, variant: null }],
        multivariate: flag.variants
          ? { variants: flag.variants.map((v) => ({ key: v.key, name: v.key, rollout_percentage: v.rolloutPercentage })) }
          : null,
        // PostHog stores payloads as JSON strings, by variant key (or `true` for a boolean flag).
        payloads: Object.fromEntries(Object.entries(flag.payloads ?? {}).map(([k, v]) => [k, JSON.stringify(v)])),
      },
    })),
    group_type_mapping: { '0': 'workspace' },
    cohorts: {},
  };
}

/** Like PostHog, only for a caller with a project token and a bearer key (any: the collector has no accounts). */
export async function flagDefinitions(req: Request): Promise<Response> {
  const token = new URL(req.url).searchParams.get('token');
  const bearer = /^Bearer\s+\S+/i.test(req.headers.get('authorization') ?? '');
  if (!token || !bearer) {
    // 401 as PostHog answers it (posthog-node backs off on it).
    return errorResponse(new AppError('unauthorized', 'Flag definitions need ?token=<project key> and Authorization: Bearer <personal or secret key>.'));
  }
  return Response.json(flagDefinitionsResponse());
}
