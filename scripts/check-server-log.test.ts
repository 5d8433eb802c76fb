// The clean-log check after the e2e suite: what it flags, what its allow-list lets through, on log text shaped like
// what `next start` prints.
import { describe, expect, it } from 'vitest';
import { unexpectedLines } from './check-server-log.mjs';

const START = [
  '   ▲ Next.js 16.4.6',
  '   - Local:        http://127.0.0.1:4200',
  ' ✓ Ready in 612ms',
].join('\n');

describe('unexpectedLines', () => {
  it('passes a clean start', () => {
    expect(unexpectedLines(START)).toEqual([]);
  });

  it('flags the Sentry channel-injection line: the server config turns that injection off, so it must not return', () => {
    const line = '[Sentry] Failed to register diagnostics-channel injection hooks, so channel-based integrations will not record spans.';
    expect(unexpectedLines([START, line].join('\n'))).toEqual([{ line, count: 1 }]);
  });

  it('flags a MaxListenersExceededWarning, once per distinct line with its count', () => {
    const warning =
      '(node:123) MaxListenersExceededWarning: Possible EventEmitter memory leak detected. 11 close listeners added to [ServerResponse]. MaxListeners is 10. Use emitter.setMaxListeners() to increase limit';
    const log = [START, warning, '(Use `node --trace-warnings ...` to show where the warning was created)', warning].join('\n');
    expect(unexpectedLines(log)).toEqual([{ line: warning, count: 2 }]);
  });

  it('lets through the errors the specs provoke on purpose, stack frames included', () => {
    const log = [' ⨯ Error: Orbit debug: server-action error m0123456789', '    at a (.next/server/chunks/1.js:1:1)', "  digest: '123'"].join('\n');
    expect(unexpectedLines(log)).toEqual([]);
  });

  it('flags any other error, Next warning or deprecation, ANSI colours stripped', () => {
    const log = ['\u001b[31m ⨯\u001b[39m TypeError: x is not a function', ' ⚠ Something Next warns about', '(node:1) [DEP0005] DeprecationWarning: Buffer()'].join('\n');
    expect(unexpectedLines(log).map((l) => l.line)).toEqual([' ⨯ TypeError: x is not a function', ' ⚠ Something Next warns about', '(node:1) [DEP0005] DeprecationWarning: Buffer()']);
  });
});
