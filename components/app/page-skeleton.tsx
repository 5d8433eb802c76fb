// Loading placeholder for app pages: a heading bar and a few card shapes, announced politely to screen readers.
export function PageSkeleton({ cards = 4 }: { cards?: number }) {
  return (
    <div className="animate-pulse space-y-8" role="status" aria-live="polite">
      <span className="sr-only">Loading…</span>
      <div className="space-y-2">
        <div className="h-4 w-24 rounded bg-slate-200" />
        <div className="h-8 w-64 rounded bg-slate-200" />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        {Array.from({ length: cards }, (_, i) => (
          <div key={i} className="h-28 rounded-xl bg-white ring-1 ring-slate-200" />
        ))}
      </div>
    </div>
  );
}
