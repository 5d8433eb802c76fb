import { Avatar } from './avatar';

export function Testimonial() {
  return (
    <section aria-label="What customers say" className="py-20 sm:py-24">
      <figure className="mx-auto max-w-3xl px-4 text-center sm:px-6">
        <svg viewBox="0 0 32 32" className="mx-auto size-9 text-brand-200" fill="currentColor" aria-hidden="true" focusable="false">
          <path d="M12.5 7C7.3 8.9 4 13.2 4 18.4 4 22.4 6.4 25 9.6 25c2.8 0 4.9-2.1 4.9-4.8 0-2.6-1.9-4.5-4.4-4.5-.5 0-1 .1-1.3.2.6-3 3.1-5.7 6.2-7.1zm14 0c-5.2 1.9-8.5 6.2-8.5 11.4 0 4 2.4 6.6 5.6 6.6 2.8 0 4.9-2.1 4.9-4.8 0-2.6-1.9-4.5-4.4-4.5-.5 0-1 .1-1.3.2.6-3 3.1-5.7 6.2-7.1z" />
        </svg>
        <blockquote className="mt-6 text-xl leading-9 font-medium tracking-tight text-balance text-slate-900 sm:text-2xl sm:leading-10">
          We tried the big tools and spent more time grooming boards than shipping. Orbit gave our six-person team one
          calm place to plan — our Monday meeting went from an hour to fifteen minutes.
        </blockquote>
        <figcaption className="mt-8 flex items-center justify-center gap-3">
          <Avatar initials="MC" tone="rose" className="size-10 text-sm" />
          <span className="text-left text-sm">
            <span className="block font-semibold text-slate-900">Maya Chen</span>
            <span className="block text-slate-500">Head of Product, Fieldnote</span>
          </span>
        </figcaption>
      </figure>
    </section>
  );
}
