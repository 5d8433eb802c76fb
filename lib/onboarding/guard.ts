// Keeps a visitor on the right onboarding step (see redirectForStep) and hands the page its state.
import 'server-only';
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/guards';
import type { CurrentUser } from '@/lib/auth/session';
import { getOnboardingState, redirectForStep, type OnboardingState } from './state';
import { stepPath, type OnboardingStep } from './steps';

export async function enterStep(step: OnboardingStep): Promise<{ user: CurrentUser; state: OnboardingState }> {
  const user = await requireUser(`/onboarding/${step}`);
  const state = await getOnboardingState(user.id);
  const elsewhere = redirectForStep(state, step);
  if (elsewhere) redirect(stepPath(elsewhere.to));
  return { user, state };
}
