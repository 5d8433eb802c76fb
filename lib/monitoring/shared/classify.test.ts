import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api-client';
import { AppError } from '@/lib/server/errors';
import { classifyError, isExpectedAppError, isNextControlFlow, isNextControlFlowText } from './classify';

describe('classifyError', () => {
  it.each([
    [new AppError('validation', 'bad'), 'validation', 'low'],
    [new AppError('unauthorized', 'login'), 'auth', 'low'],
    [new AppError('forbidden', 'no'), 'auth', 'low'],
    [new AppError('internal', 'boom'), 'api', 'high'],
    [new AppError('conflict', 'dup'), 'api', 'medium'],
    [new ApiError(0, { code: 'internal', message: 'Could not reach Orbit.' }), 'network', 'medium'],
    [new ApiError(403, { code: 'forbidden', message: 'no' }), 'auth', 'low'],
    [new ApiError(500, { code: 'internal', message: 'x' }), 'api', 'high'],
    [new TypeError('Failed to fetch'), 'network', 'medium'],
    [Object.assign(new Error('aborted'), { name: 'AbortError' }), 'network', 'medium'],
    [{ name: 'ZodError', message: '[]' }, 'validation', 'low'],
    [new Error('Cannot read properties of undefined'), 'unknown', 'high'],
    ['a string was thrown', 'unknown', 'high'],
  ])('%s → %s / %s', (error, category, severity) => {
    expect(classifyError(error)).toEqual({ category, severity });
  });
});

describe('control flow and expected errors', () => {
  it('recognises redirect() and notFound() digests', () => {
    expect(isNextControlFlow({ digest: 'NEXT_REDIRECT;replace;/login;307;' })).toBe(true);
    expect(isNextControlFlow({ digest: 'NEXT_HTTP_ERROR_FALLBACK;404' })).toBe(true);
    expect(isNextControlFlow({ digest: 'NEXT_NOT_FOUND' })).toBe(true);
    expect(isNextControlFlow({ digest: 'ERR_NEXT_REDIRECT' })).toBe(false);
    expect(isNextControlFlowText('NEXT_REDIRECT;replace;/')).toBe(true);
    expect(isNextControlFlowText(undefined)).toBe(false);
    expect(isNextControlFlow({ digest: '1234567' })).toBe(false);
    expect(isNextControlFlow(new Error('x'))).toBe(false);
  });

  it('treats every AppError but internal as expected', () => {
    expect(isExpectedAppError(new AppError('validation', 'x'))).toBe(true);
    expect(isExpectedAppError(new AppError('internal', 'x'))).toBe(false);
    expect(isExpectedAppError(new Error('x'))).toBe(false);
  });
});
