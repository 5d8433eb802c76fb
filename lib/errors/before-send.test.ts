import { describe, expect, it } from 'vitest';
import { beforeBreadcrumb, beforeSend, beforeSendSpan, dropNextControlFlow, EVENT_FILTERS, runFilters, scrubPrivacy, tagCategory, type EventLike } from './before-send';

const event = (value: string, extra: Partial<EventLike> = {}): EventLike => ({ event_id: 'e1', exception: { values: [{ type: 'Error', value }] }, ...extra });

describe('named filters', () => {
  it('dropNextControlFlow drops redirects and not-found, by hint or by message', () => {
    expect(dropNextControlFlow(event('x'), { originalException: { digest: 'NEXT_REDIRECT;push;/x;307;' } })).toBeNull();
    expect(dropNextControlFlow(event('NEXT_HTTP_ERROR_FALLBACK;404'), {})).toBeNull();
    expect(dropNextControlFlow(event('real'), { originalException: new Error('real') })).not.toBeNull();
  });

  it('tagCategory adds error.category and error.severity, keeping tags set at the capture site', () => {
    expect(tagCategory(event('Failed to fetch'), { originalException: new TypeError('Failed to fetch') })?.tags).toMatchObject({
      'error.category': 'network',
      'error.severity': 'medium',
    });
    expect(tagCategory(event('x', { tags: { 'error.category': 'api' } }), { originalException: new Error('x') })?.tags?.['error.category']).toBe('api');
  });

  it('scrubPrivacy scrubs the event', () => {
    expect(JSON.stringify(scrubPrivacy(event('mail a@b.io'), {}))).not.toContain('a@b.io');
  });

  it('runs in order: a dropped event never reaches the later filters', () => {
    expect(runFilters(EVENT_FILTERS, event('NEXT_REDIRECT;replace;/'), {})).toBeNull();
  });
});

describe('SDK hooks', () => {
  it('beforeSend tags and scrubs', () => {
    const out = beforeSend(event('user a@b.io broke it', { request: { cookies: { s: '1' }, headers: { cookie: 's=1' } } }), { originalException: new Error('x') });
    expect(out?.tags).toMatchObject({ 'error.category': 'unknown', 'error.severity': 'high' });
    expect(JSON.stringify(out)).not.toMatch(/a@b\.io|s=1/);
  });

  it('beforeSendSpan and beforeBreadcrumb scrub', () => {
    expect(JSON.stringify(beforeSendSpan({ name: 'GET /x?token=abc', attributes: { 'user.email': { type: 'string', value: 'a@b.io' } } }))).not.toMatch(/abc|a@b\.io/);
    expect(JSON.stringify(beforeBreadcrumb({ category: 'api', message: 'POST /invite a@b.io' }))).not.toContain('a@b.io');
  });
});
