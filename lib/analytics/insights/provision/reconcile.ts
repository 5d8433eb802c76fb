// Create-or-update by stable key: the one rule both providers follow, so a second run changes nothing.
import { isSubset } from './http';
import type { ObjectKind } from './markers';

type Outcome = 'created' | 'updated' | 'unchanged' | 'would create' | 'would update';
export type Id = string | number;

export type ProvisionResult = { system: 'posthog' | 'sentry'; kind: ObjectKind; key: string; name: string; outcome: Outcome; id?: Id };

export type Existing = { id: Id } & Record<string, unknown>;

export async function reconcile({
  system,
  kind,
  key,
  name,
  existing,
  desired,
  normalize = (o) => o,
  create,
  update,
  dryRun,
}: {
  system: ProvisionResult['system'];
  kind: ObjectKind;
  key: string;
  name: string;
  existing: Existing | undefined;
  desired: Record<string, unknown>;
  /** Maps the API's answer to the shape that was sent (e.g. expanded objects back to ids) before comparing. */
  normalize?: (o: Existing) => unknown;
  create: (body: Record<string, unknown>) => Promise<Existing>;
  update: (id: Id, body: Record<string, unknown>) => Promise<Existing>;
  dryRun: boolean;
}): Promise<ProvisionResult> {
  const base = { system, kind, key, name };
  if (!existing) {
    if (dryRun) return { ...base, outcome: 'would create', id: `<new ${kind} ${key}>` };
    const made = await create(desired);
    return { ...base, outcome: 'created', id: made.id };
  }
  if (isSubset(desired, normalize(existing))) return { ...base, outcome: 'unchanged', id: existing.id };
  if (dryRun) return { ...base, outcome: 'would update', id: existing.id };
  await update(existing.id, desired);
  return { ...base, outcome: 'updated', id: existing.id };
}
