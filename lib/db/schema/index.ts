// The whole schema: every table, relation and inferred type, re-exported for Drizzle and the app.
export * from './auth';
export * from './app';
export * from './billing';
export * from './inbox';
export * from './rate-limits';
export * from './relay';
