// /onboarding: resumes at the first step not done (or the dashboard when onboarding is finished).
import { redirect } from 'next/navigation';
import { getOnboardingState } from '@/lib/onboarding/state';
import { stepPath } from '@/lib/onboarding/steps';
import { requireUser } from '@/lib/auth/guards';

export default async function OnboardingPage() {
  const user = await requireUser('/onboarding');
  redirect(stepPath((await getOnboardingState(user.id)).next));
}
