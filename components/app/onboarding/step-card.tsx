// The frame of one onboarding step: progress, title, explanation, then the step's form.
import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card';
import { TrackOnMount } from '@/lib/telemetry/browser/track-on-mount';
import type { OnboardingStep } from '@/lib/onboarding/steps';
import { OnboardingProgress } from './progress';

export function StepCard({ step, title, description, children }: { step: OnboardingStep; title: ReactNode; description: string; children: ReactNode }) {
  return (
    <div className="mx-auto max-w-lg pt-6 sm:pt-12">
      <Card className="space-y-8 p-8">
        <OnboardingProgress step={step} />
        <TrackOnMount event="onboarding.step_viewed" properties={{ step }} />
        <div className="space-y-2">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
          <p className="text-sm text-slate-600">{description}</p>
        </div>
        {children}
      </Card>
    </div>
  );
}
