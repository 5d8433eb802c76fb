import { describe, expect, it } from 'vitest';
import { entryContext, maskUrl, sanitizeQuery } from './enrichment';
import { isUntrackedPath } from './untracked';

describe('entryContext', () => {
  it('takes the external referrer without its query and the UTM parameters of the entry', () => {
    const ctx = entryContext(
      'https://orbit.test/?utm_source=newsletter&utm_medium=email&ref=hn',
      'https://news.example.com/item?id=42&token=abc',
    );
    expect(ctx).toEqual({
      referrer_url: 'https://news.example.com/item',
      referrer_domain: 'news.example.com',
      entry_path: '/',
      entry_query: '?utm_source=newsletter&utm_medium=email&ref=hn',
      utm_source: 'newsletter',
      utm_medium: 'email',
    });
  });

  it('is direct without a referrer, and for a referrer on the same origin', () => {
    expect(entryContext('https://orbit.test/pricing', '')).toMatchObject({ referrer_url: 'direct', referrer_domain: 'direct', entry_query: '' });
    expect(entryContext('https://orbit.test/pricing', 'https://orbit.test/')).toMatchObject({ referrer_domain: 'direct' });
    expect(entryContext('https://orbit.test/', 'not a url')).toMatchObject({ referrer_domain: 'direct' });
    expect(entryContext('https://orbit.test/', 'android-app://com.example')).toMatchObject({ referrer_domain: 'direct' });
  });

  it('never forwards secrets or personal data from the entry query', () => {
    const ctx = entryContext('https://orbit.test/login?token=t0k&email=a%40b.co&next=%2Fdashboard&utm_source=x%40y.z&code=9', '');
    expect(ctx.entry_query).toBe('?next=%2Fdashboard');
    expect(ctx.utm_source).toBeUndefined();
    expect(JSON.stringify(ctx)).not.toMatch(/t0k|a%40b|@/);
  });
});

describe('sanitizeQuery', () => {
  it('drops sensitive names and values, keeps the rest in order', () => {
    expect(sanitizeQuery('?plan=pro&session_id=s&phone=1&card=4242424242424242&utm_campaign=fall')).toBe('?plan=pro&utm_campaign=fall');
    expect(sanitizeQuery('')).toBe('');
    expect(sanitizeQuery('?gclid=AdClick123&FBCLID=x&plan=pro')).toBe('?plan=pro');
  });
});

describe('maskUrl', () => {
  it('masks the values of ad-click ids, secret-looking names and address-like values; keeps the rest and the URL otherwise', () => {
    expect(maskUrl('https://orbit.test/?gclid=AdClick123&utm_source=ads&plan=pro#top')).toBe('https://orbit.test/?gclid=%3Cmasked%3E&utm_source=ads&plan=pro#top');
    expect(maskUrl('https://orbit.test/reset?token=s3cret&to=jane@example.com')).toBe('https://orbit.test/reset?token=%3Cmasked%3E&to=%3Cmasked%3E');
    // Nothing to mask: the URL exactly as it was (no re-encoding).
    expect(maskUrl('https://orbit.test/projects?tab=board&q=a+b')).toBe('https://orbit.test/projects?tab=board&q=a+b');
    // posthog-js's own masked value is left as it is.
    expect(maskUrl('https://orbit.test/?gclid=<masked>')).toBe('https://orbit.test/?gclid=<masked>');
    expect(maskUrl('not a url')).toBe('not a url');
  });
});

describe('isUntrackedPath', () => {
  it('matches the inbox only', () => {
    expect(isUntrackedPath('/dev/inbox')).toBe(true);
    expect(isUntrackedPath('/dev')).toBe(true);
    expect(isUntrackedPath('/api/dev/inbox/events')).toBe(true);
    expect(isUntrackedPath('/developers')).toBe(false);
    expect(isUntrackedPath('/')).toBe(false);
  });
});
