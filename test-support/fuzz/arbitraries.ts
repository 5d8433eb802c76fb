// Generators shared by the fuzz suites. Test-only.
import fc from 'fast-check';

/**
 * Any Unicode code point except a lone surrogate half, biased like every fast-check integer towards the small ones
 * (NUL and the other controls) and the ends of the range. The same set as `fc.string({ unit: 'binary' })`, without
 * the 1.1-million-entry reverse table fast-check builds for that unit on first use (about a second of CPU per file).
 */
const SURROGATES = 0xe000 - 0xd800;
const codePoint: fc.Arbitrary<string> = fc
  .integer({ min: 0, max: 0x10ffff - SURROGATES })
  .map((n) => String.fromCodePoint(n < 0xd800 ? n : n + SURROGATES));

/** Any text of up to `maxLength` code points (no lone surrogate: no URL or form can carry one). */
export const anyText = (maxLength: number): fc.Arbitrary<string> => fc.string({ unit: codePoint, maxLength });

/**
 * Values a path segment or a text filter can carry that no Postgres column can hold (NUL), that are too long for
 * any id, or that look like an encoding or a path trick. Mixed into every segment the fuzz suites generate.
 */
export const hostileSegment: fc.Arbitrary<string> = fc.constantFrom(
  '\u0000',
  'a\u0000b',
  '%00',
  '%C0%AE',
  '%ED%A0%80',
  '..',
  ' ',
  '\u202E',
  '99999999999999999999',
  'x'.repeat(300),
);
