'use client';
// The debug surface's page (app/dev/errors): one button per client-side failure Orbit must capture.
import { useState } from 'react';
import { debugServerActionError } from './actions';

function Thrower({ marker }: { marker: string }): never {
  throw new Error(`Orbit debug: client-render error ${marker}`);
}

export function DebugErrors() {
  const [marker, setMarker] = useState('');
  const [renderBoom, setRenderBoom] = useState(false);
  const [result, setResult] = useState('');
  return (
    <div className="mx-auto max-w-xl space-y-4 px-4 py-10">
      <h1 className="text-2xl font-semibold">Debug errors (local mode only)</h1>
      <label className="block text-sm">
        Marker
        <input aria-label="Marker" className="mt-1 block w-full rounded border px-2 py-1" value={marker} onChange={(e) => setMarker(e.target.value)} />
      </label>
      <div className="flex flex-wrap gap-2">
        <button type="button" className="rounded border px-3 py-1" onClick={() => setRenderBoom(true)}>
          Throw in render
        </button>
        <button
          type="button"
          className="rounded border px-3 py-1"
          onClick={() => {
            throw new Error(`Orbit debug: client-handler error ${marker}`);
          }}
        >
          Throw in handler
        </button>
        <button
          type="button"
          className="rounded border px-3 py-1"
          onClick={async () => {
            const r = await debugServerActionError(marker);
            setResult(r.ok ? 'ok' : r.error.message);
          }}
        >
          Fail server action
        </button>
      </div>
      {result ? <p data-testid="action-result">{result}</p> : null}
      {renderBoom ? <Thrower marker={marker} /> : null}
    </div>
  );
}
