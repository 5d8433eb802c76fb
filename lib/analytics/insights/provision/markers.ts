// How the provisioner recognises its own objects: a stable key in the description (PostHog insights, dashboards,
// cohorts) or at the end of the name (PostHog alerts and Sentry rules, which have no description). Renaming an
// object in code keeps its key, so it is updated in place; nothing else in the project is ever touched.

export type ObjectKind = 'insight' | 'dashboard' | 'cohort' | 'alert' | 'issue-rule' | 'metric-rule';

function markerOf(kind: ObjectKind, key: string): string {
  return `[orbit:${kind}:${key}]`;
}

export function describe(question: string, kind: ObjectKind, key: string): string {
  return `${question}\n\nManaged in code (lib/analytics/insights, npm run analytics -- provision) ${markerOf(kind, key)}`;
}

export function markedName(name: string, kind: ObjectKind, key: string): string {
  return `${name} ${markerOf(kind, key)}`;
}

/** The key of an object of this kind, from its name or description; null when it is not Orbit's. */
export function keyOf(kind: ObjectKind, text: string | null | undefined): string | null {
  const m = text?.match(new RegExp(`\\[orbit:${kind}:([a-z0-9-]+)\\]`));
  return m?.[1] ?? null;
}
