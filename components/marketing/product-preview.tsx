// A picture of the product drawn with plain elements: sharp at any size, zero image bytes, no client JS.
import { Avatar, type AvatarTone } from './avatar';
import { CalendarIcon, CheckIcon, ChevronDownIcon, FlagIcon, FolderIcon, ListCheckIcon, SearchIcon } from './icons';

type MockTask = { title: string; tag: string; tagTone: string; due: string; who: { initials: string; tone: AvatarTone } };

const columns: { name: string; count: number; dot: string; tasks: MockTask[]; done?: boolean; mobile?: boolean }[] = [
  {
    name: 'Up next',
    count: 4,
    dot: 'bg-slate-400',
    mobile: true,
    tasks: [
      { title: 'Write pricing page copy', tag: 'Content', tagTone: 'bg-amber-50 text-amber-700 ring-amber-200', due: 'Thu', who: { initials: 'MC', tone: 'rose' } },
      { title: 'QA signup on mobile Safari', tag: 'QA', tagTone: 'bg-sky-50 text-sky-700 ring-sky-200', due: 'Fri', who: { initials: 'JO', tone: 'sky' } },
      { title: 'Plan launch announcement', tag: 'Launch', tagTone: 'bg-violet-50 text-violet-700 ring-violet-200', due: 'Mon', who: { initials: 'AL', tone: 'emerald' } },
    ],
  },
  {
    name: 'In progress',
    count: 2,
    dot: 'bg-brand-500',
    tasks: [
      { title: 'New onboarding flow', tag: 'Product', tagTone: 'bg-brand-50 text-brand-700 ring-brand-200', due: 'Wed', who: { initials: 'SK', tone: 'indigo' } },
      { title: 'Migrate blog to new theme', tag: 'Web', tagTone: 'bg-emerald-50 text-emerald-700 ring-emerald-200', due: 'Thu', who: { initials: 'JO', tone: 'sky' } },
    ],
  },
  {
    name: 'Done',
    count: 9,
    dot: 'bg-emerald-500',
    done: true,
    tasks: [
      { title: 'Hero illustration', tag: 'Design', tagTone: 'bg-rose-50 text-rose-700 ring-rose-200', due: 'Mon', who: { initials: 'MC', tone: 'rose' } },
      { title: 'Set up analytics events', tag: 'Product', tagTone: 'bg-brand-50 text-brand-700 ring-brand-200', due: 'Tue', who: { initials: 'SK', tone: 'indigo' } },
    ],
  },
];

const projects = [
  { name: 'Website relaunch', dot: 'bg-brand-500', active: true },
  { name: 'Mobile app v2', dot: 'bg-emerald-500' },
  { name: 'Q3 onboarding', dot: 'bg-amber-500' },
  { name: 'Customer interviews', dot: 'bg-rose-500' },
];

const shipsNext = [
  { day: 'Thu', date: '14', title: 'Pricing page live', project: 'Website relaunch', tone: 'bg-brand-500' },
  { day: 'Fri', date: '15', title: 'Onboarding emails', project: 'Q3 onboarding', tone: 'bg-amber-500' },
  { day: 'Tue', date: '19', title: 'Beta to 20 teams', project: 'Mobile app v2', tone: 'bg-emerald-500' },
];

const week = [3, 5, 2, 6, 4];

function TaskCard({ task, done }: { task: MockTask; done?: boolean }) {
  return (
    <div className="rounded-lg bg-white p-3 shadow-xs ring-1 ring-slate-200">
      <div className="flex items-start gap-2">
        <span
          className={`mt-0.5 inline-flex size-3.5 shrink-0 items-center justify-center rounded-[4px] ring-1 ${
            done ? 'bg-emerald-500 text-white ring-emerald-500' : 'bg-white ring-slate-300'
          }`}
        >
          {done ? <CheckIcon className="size-2.5" /> : null}
        </span>
        <p className={`text-[12px] leading-4 font-medium ${done ? 'text-slate-500 line-through decoration-slate-300' : 'text-slate-800'}`}>
          {task.title}
        </p>
      </div>
      <div className="mt-2.5 flex items-center justify-between">
        <span className={`rounded px-1.5 py-0.5 text-[10px] font-medium ring-1 ring-inset ${task.tagTone}`}>{task.tag}</span>
        <span className="flex items-center gap-1.5">
          <span className="inline-flex items-center gap-1 text-[10px] text-slate-500">
            <CalendarIcon className="size-3" />
            {task.due}
          </span>
          <Avatar initials={task.who.initials} tone={task.who.tone} className="size-5 text-[8px]" />
        </span>
      </div>
    </div>
  );
}

export function ProductPreview() {
  return (
    <div
      role="img"
      aria-label="Orbit's project view: tasks in Up next, In progress and Done columns, and a Ships next timeline across projects."
      className="relative rounded-2xl bg-white/50 p-1.5 shadow-float ring-1 ring-slate-900/10 backdrop-blur sm:p-2"
    >
      <div className="overflow-hidden rounded-xl bg-white ring-1 ring-slate-200" aria-hidden="true">
        {/* window chrome */}
        <div className="flex h-9 items-center gap-3 border-b border-slate-200 bg-slate-50 px-3">
          <div className="flex gap-1.5">
            <span className="size-2.5 rounded-full bg-slate-300" />
            <span className="size-2.5 rounded-full bg-slate-300" />
            <span className="size-2.5 rounded-full bg-slate-300" />
          </div>
          <div className="mx-auto hidden w-64 items-center justify-center gap-1.5 rounded-md bg-white px-3 py-1 text-[10px] text-slate-500 ring-1 ring-slate-200 sm:flex">
            <span className="size-1.5 rounded-full bg-emerald-500" />
            orbit.app/projects/website-relaunch
          </div>
          <div className="w-10" />
        </div>

        <div className="grid text-left md:grid-cols-[190px_1fr] lg:grid-cols-[190px_1fr_230px]">
          {/* sidebar */}
          <div className="hidden border-r border-slate-200 bg-slate-50/70 p-3 md:block">
            <div className="flex items-center gap-2 rounded-md px-1.5 py-1">
              <span className="inline-flex size-6 items-center justify-center rounded-md bg-slate-900 text-[10px] font-bold text-white">N</span>
              <span className="text-[12px] font-semibold text-slate-800">Northwind</span>
              <ChevronDownIcon className="ml-auto size-3.5 text-slate-400" />
            </div>
            <div className="mt-3 flex items-center gap-1.5 rounded-md bg-white px-2 py-1.5 text-[11px] text-slate-500 ring-1 ring-slate-200">
              <SearchIcon className="size-3" />
              Search
              <span className="ml-auto rounded bg-slate-100 px-1 font-mono text-[9px] text-slate-600">⌘K</span>
            </div>
            <ul className="mt-3 space-y-0.5 text-[12px]">
              <li className="flex items-center gap-2 rounded-md px-2 py-1.5 text-slate-600">
                <ListCheckIcon className="size-3.5" /> My tasks
                <span className="ml-auto rounded-full bg-slate-200/80 px-1.5 text-[9px] font-semibold text-slate-600">5</span>
              </li>
              <li className="flex items-center gap-2 rounded-md px-2 py-1.5 text-slate-600">
                <FlagIcon className="size-3.5" /> Ships next
              </li>
              <li className="flex items-center gap-2 rounded-md px-2 py-1.5 text-slate-600">
                <FolderIcon className="size-3.5" /> All projects
              </li>
            </ul>
            <p className="mt-4 px-2 text-[10px] font-semibold tracking-wider text-slate-500 uppercase">Projects</p>
            <ul className="mt-1.5 space-y-0.5 text-[12px]">
              {projects.map((p) => (
                <li
                  key={p.name}
                  className={`flex items-center gap-2 rounded-md px-2 py-1.5 ${
                    p.active ? 'bg-white font-medium text-slate-900 shadow-xs ring-1 ring-slate-200' : 'text-slate-600'
                  }`}
                >
                  <span className={`size-2 rounded-full ${p.dot}`} />
                  {p.name}
                </li>
              ))}
            </ul>
          </div>

          {/* main board */}
          <div className="min-w-0 p-4 sm:p-5">
            <p className="text-[10px] text-slate-500">Projects / Website relaunch</p>
            <div className="mt-1 flex items-center justify-between gap-3">
              <p className="text-[15px] font-semibold tracking-tight text-slate-900">Website relaunch</p>
              <div className="flex -space-x-1">
                <Avatar initials="MC" tone="rose" />
                <Avatar initials="SK" tone="indigo" />
                <Avatar initials="JO" tone="sky" />
                <Avatar initials="AL" tone="emerald" />
              </div>
            </div>
            <div className="mt-3 flex items-center gap-3">
              <div className="h-1.5 flex-1 overflow-hidden rounded-full bg-slate-100">
                <div className="h-full w-[68%] rounded-full bg-gradient-to-r from-brand-500 to-brand-400" />
              </div>
              <span className="text-[10px] font-medium text-slate-500">9 of 15 done · ships May 19</span>
            </div>
            <div className="mt-4 grid gap-3 sm:grid-cols-3">
              {columns.map((col) => (
                <div key={col.name} className={`rounded-lg bg-slate-50 p-2 ring-1 ring-slate-100 ${col.mobile ? '' : 'hidden sm:block'}`}>
                  <div className="mb-2 flex items-center gap-1.5 px-1">
                    <span className={`size-1.5 rounded-full ${col.dot}`} />
                    <span className="text-[11px] font-semibold text-slate-700">{col.name}</span>
                    <span className="text-[10px] text-slate-500">{col.count}</span>
                  </div>
                  <div className="space-y-2">
                    {col.tasks.map((t) => (
                      <TaskCard key={t.title} task={t} done={col.done} />
                    ))}
                  </div>
                </div>
              ))}
            </div>
          </div>

          {/* ships next */}
          <div className="hidden border-l border-slate-200 p-4 lg:block">
            <p className="text-[11px] font-semibold text-slate-800">Ships next</p>
            <ol className="relative mt-3 space-y-3 before:absolute before:top-1 before:bottom-1 before:left-[15px] before:w-px before:bg-slate-200">
              {shipsNext.map((s) => (
                <li key={s.title} className="relative flex gap-3">
                  <span className="relative z-10 flex size-8 shrink-0 flex-col items-center justify-center rounded-lg bg-white text-center ring-1 ring-slate-200">
                    <span className="text-[8px] leading-none font-medium text-slate-500 uppercase">{s.day}</span>
                    <span className="text-[11px] leading-tight font-semibold text-slate-800">{s.date}</span>
                  </span>
                  <span className="min-w-0">
                    <span className="block truncate text-[11px] font-medium text-slate-800">{s.title}</span>
                    <span className="mt-0.5 flex items-center gap-1 text-[10px] text-slate-500">
                      <span className={`size-1.5 rounded-full ${s.tone}`} />
                      {s.project}
                    </span>
                  </span>
                </li>
              ))}
            </ol>
            <div className="mt-5 rounded-lg bg-slate-50 p-3 ring-1 ring-slate-100">
              <div className="flex items-baseline justify-between">
                <p className="text-[10px] font-medium text-slate-500">Done this week</p>
                <p className="text-[13px] font-semibold text-slate-900">20</p>
              </div>
              <div className="mt-2 flex h-12 items-end gap-1.5">
                {week.map((v, i) => (
                  <span
                    key={i}
                    className={`flex-1 rounded-sm ${i === 3 ? 'bg-brand-500' : 'bg-brand-200'}`}
                    style={{ height: `${(v / 6) * 100}%` }}
                  />
                ))}
              </div>
              <div className="mt-1 flex justify-between text-[8px] text-slate-500">
                <span>M</span>
                <span>T</span>
                <span>W</span>
                <span>T</span>
                <span>F</span>
              </div>
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}
