import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { actionBody } from './server-actions';

describe('server actions over HTTP', () => {
  it("a server action's body is exactly what React's encodeReply sends for (null, formData)", async () => {
    const require = createRequire(import.meta.url);
    const { encodeReply } = require('next/dist/compiled/react-server-dom-webpack/client.node') as {
      encodeReply: (value: unknown) => Promise<FormData | string>;
    };
    const fields = { intent: 'continue', jobRole: 'engineering', name: 'Ünïcode & co' };
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    const reference = await encodeReply([null, form]);
    expect(reference).toBeInstanceOf(FormData);
    const sorted = (f: FormData) => [...f.entries()].map(([k, v]) => [k, String(v)]).sort();
    expect(sorted(actionBody(fields))).toEqual(sorted(reference as FormData));
  });
});
