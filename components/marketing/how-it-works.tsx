import type { ReactNode } from 'react';
import { CheckIcon } from './icons';
import { SectionHeading } from './section-heading';

function WorkspaceVisual() {
  return (
    <div className="space-y-2">
      <p className="text-[11px] font-medium text-slate-600">Workspace name</p>
      <div className="rounded-md bg-white px-2.5 py-1.5 text-xs text-slate-800 ring-1 ring-brand-500">
        Northwind<span className="ml-px inline-block h-3 w-px translate-y-0.5 bg-slate-800" />
      </div>
      <div className="flex justify-end">
        <span className="rounded-md bg-brand-600 px-2.5 py-1 text-[11px] font-semibold text-white">Continue</span>
      </div>
    </div>
  );
}

function TasksVisual() {
  const items = [
    { t: 'Draft release notes', done: true },
    { t: 'Record product demo', done: true },
    { t: 'Email beta customers', done: false },
  ];
  return (
    <ul className="space-y-1.5">
      {items.map((i) => (
        <li key={i.t} className="flex items-center gap-2 rounded-md bg-white px-2.5 py-1.5 ring-1 ring-slate-200">
          <span
            className={`inline-flex size-3.5 items-center justify-center rounded-[4px] ring-1 ${
              i.done ? 'bg-emerald-500 text-white ring-emerald-500' : 'ring-slate-300'
            }`}
          >
            {i.done ? <CheckIcon className="size-2.5" /> : null}
          </span>
          <span className={`text-xs ${i.done ? 'text-slate-500 line-through' : 'text-slate-800'}`}>{i.t}</span>
        </li>
      ))}
    </ul>
  );
}

function ShipsVisual() {
  const rows = [
    { w: 'w-3/4', tone: 'bg-brand-500', label: 'Website relaunch' },
    { w: 'w-1/2', tone: 'bg-amber-400', label: 'Q3 onboarding' },
    { w: 'w-5/6', tone: 'bg-emerald-500', label: 'Mobile app v2' },
  ];
  return (
    <div className="space-y-2.5">
      {rows.map((r) => (
        <div key={r.label}>
          <div className="flex justify-between text-[10px] text-slate-500">
            <span>{r.label}</span>
          </div>
          <div className="mt-1 h-2 rounded-full bg-slate-200/70">
            <div className={`h-full rounded-full ${r.w} ${r.tone}`} />
          </div>
        </div>
      ))}
    </div>
  );
}

const steps: { title: string; body: string; visual: ReactNode }[] = [
  {
    title: 'Create a workspace',
    body: 'Sign up, name your workspace and invite the people you build with. It takes less than a minute.',
    visual: <WorkspaceVisual />,
  },
  {
    title: 'Add projects and tasks',
    body: 'Start a project, jot down the tasks, tick them off. No setup wizard, no templates to untangle.',
    visual: <TasksVisual />,
  },
  {
    title: 'See what ships next',
    body: 'Progress and due dates roll up into one view, so everyone knows what is landing this week.',
    visual: <ShipsVisual />,
  },
];

export function HowItWorks() {
  return (
    <section id="how-it-works" aria-labelledby="how-title" className="scroll-mt-20 bg-slate-50 py-20 sm:py-28">
      <div className="mx-auto max-w-6xl px-4 sm:px-6 lg:px-8">
        <SectionHeading id="how-title" eyebrow="How it works" title="From sign-up to a planned week in three steps">
          Orbit is deliberately simple to start with — your team will be planning before the coffee gets cold.
        </SectionHeading>
        <ol className="mt-14 grid gap-6 lg:grid-cols-3">
          {steps.map((s, i) => (
            <li key={s.title} className="flex flex-col rounded-2xl bg-white p-6 shadow-soft ring-1 ring-slate-200/80">
              <div className="flex min-h-40 flex-col justify-center rounded-xl bg-slate-50 p-4 ring-1 ring-slate-100" aria-hidden="true">
                {s.visual}
              </div>
              <div className="mt-6 flex items-center gap-3">
                <span className="inline-flex size-7 items-center justify-center rounded-full bg-brand-600 text-xs font-semibold text-white">
                  {i + 1}
                </span>
                <h3 className="text-base font-semibold text-slate-900">{s.title}</h3>
              </div>
              <p className="mt-3 text-sm leading-6 text-slate-600">{s.body}</p>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
