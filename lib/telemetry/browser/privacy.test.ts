import { describe, expect, it } from 'vitest';
import { maskPiiText } from './privacy';

describe('maskPiiText', () => {
  it('masks email addresses and card numbers inside ordinary text, keeps the rest', () => {
    expect(maskPiiText('Billed to jane.doe+x@example.co.uk monthly')).toBe('Billed to ************************ monthly');
    expect(maskPiiText('Test card 4242 4242 4242 4242, exp 12/34')).toBe('Test card **** **** **** ****, exp 12/34');
    expect(maskPiiText('4000-0000-0000-0002')).toBe('*******************');
    expect(maskPiiText('4242424242424242')).toBe('****************');
  });

  it('leaves prices, dates, ids and short numbers alone', () => {
    for (const text of ['$12.00 per user / month', 'Step 2 of 3', '2026-11-23', 'Project 1234567', 'CVC 123']) expect(maskPiiText(text)).toBe(text);
  });

  it('masks everything inside elements marked data-pii or ph-mask', () => {
    const marked = { closest: (s: string) => (s.includes('[data-pii]') ? ({} as Element) : null) };
    expect(maskPiiText('Jane Doe', marked)).toBe('**** ***');
    expect(maskPiiText('Jane Doe', { closest: () => null })).toBe('Jane Doe');
  });

  it("masks the page title and Next's route announcer whole: they repeat a project's or workspace's name", () => {
    const matching = (selector: string) => ({ closest: (s: string) => (s.split(',').some((part) => part.trim() === selector) ? ({} as Element) : null) });
    expect(maskPiiText('Codename Nightjar · Orbit', matching('title'))).toBe('******** ******** * *****');
    expect(maskPiiText('Quixotefield Holdings', matching('#__next-route-announcer__'))).toBe('************ ********');
  });
});
