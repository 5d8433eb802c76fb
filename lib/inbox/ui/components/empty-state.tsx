// What to do when a view has nothing yet: how to make Orbit send something to the local inbox.
import Link from 'next/link';
import type { ReactNode } from 'react';
import { requestOrigin } from '../origin';

export async function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  // The origin the developer reached the inbox on, so the commands below can be pasted as they are.
  const origin = await requestOrigin();
  return (
    <div className="mx-auto max-w-2xl rounded-xl border border-dashed border-slate-300 bg-white px-8 py-10 text-sm text-slate-600">
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      {children ? <div className="mt-2">{children}</div> : null}
      <ol className="mt-5 list-decimal space-y-3 pl-5">
        <li>
          Use Orbit in another tab —{' '}
          <Link className="font-medium text-brand-700 underline underline-offset-2" href="/" target="_blank">
            the landing page
          </Link>
          , sign up, go through onboarding. With no PostHog key and no Sentry DSN, the SDKs send to this app
          (<code className="font-mono text-xs">/ingest</code>, <code className="font-mono text-xs">/sentry</code>) and it
          all shows up here within a second.
        </li>
        <li>
          Send an event by hand:
          <pre role="region" aria-label="Example request" tabIndex={0} className="mt-2 overflow-x-auto rounded-lg bg-slate-950 p-3 font-mono text-xs leading-5 text-slate-200">
            {`curl -X POST ${origin}/ingest/i/v0/e/ \\
  -H 'content-type: application/json' \\
  -d '{"api_key":"phc_local","event":"hello_inbox","distinct_id":"me","properties":{"from":"curl"}}'`}
          </pre>
        </li>
        <li>
          Scripted traffic: <code className="font-mono text-xs">npm run analytics -- …</code> (when available), or any
          PostHog / Sentry SDK pointed at <code className="font-mono text-xs">{origin}/ingest</code> and DSN{' '}
          <code className="font-mono text-xs">http://public@{origin.replace(/^https?:\/\//, '')}/sentry/1</code>.
        </li>
      </ol>
      <p className="mt-5 text-xs text-slate-500">
        Details: <code className="font-mono">docs/local-inbox.md</code>.
      </p>
    </div>
  );
}
