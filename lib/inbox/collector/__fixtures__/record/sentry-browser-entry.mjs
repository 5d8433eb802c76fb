export * from '@sentry/browser';
