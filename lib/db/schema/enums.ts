// Column enums with no imports, so browser code (the analytics catalog, client components) can read them without
// pulling Drizzle or node:crypto into a client bundle. The tables in app.ts and billing.ts use and re-export them.
export const JOB_ROLES = ['founder', 'engineering', 'product', 'design', 'marketing', 'operations', 'other'] as const;
export const MEMBER_ROLES = ['owner', 'admin', 'member'] as const;
export const PLANS = ['free', 'pro', 'team'] as const;
export const SUBSCRIPTION_STATUSES = ['active', 'trialing', 'past_due', 'canceled', 'incomplete'] as const;
