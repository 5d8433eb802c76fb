// "Step N of 3" with a segmented bar naming each step.
import { ONBOARDING_STEPS, STEP_LABELS, type OnboardingStep } from '@/lib/onboarding/steps';

export function OnboardingProgress({ step }: { step: OnboardingStep }) {
  const index = ONBOARDING_STEPS.indexOf(step);
  return (
    <div className="space-y-3">
      <p className="text-sm font-medium text-brand-700">
        Step {index + 1} of {ONBOARDING_STEPS.length}
      </p>
      <ol className="grid grid-cols-3 gap-2" aria-label="Onboarding progress">
        {ONBOARDING_STEPS.map((s, i) => (
          <li key={s} className="space-y-1.5" aria-current={i === index ? 'step' : undefined}>
            <span className={`block h-1.5 rounded-full ${i <= index ? 'bg-brand-600' : 'bg-slate-200'}`} />
            <span className={`block text-xs ${i === index ? 'font-semibold text-slate-900' : 'text-slate-500'}`}>{STEP_LABELS[s]}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
