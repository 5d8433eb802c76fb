import type { Metadata } from 'next';
import { CtaBand } from '@/components/marketing/cta-band';
import { Features } from '@/components/marketing/features';
import { Hero } from '@/components/marketing/hero';
import { HowItWorks } from '@/components/marketing/how-it-works';
import { PricingTeaser } from '@/components/marketing/pricing-teaser';
import { SocialProof } from '@/components/marketing/social-proof';
import { Testimonial } from '@/components/marketing/testimonial';
import { identifyCaller } from '@/lib/auth/guards';

export const metadata: Metadata = {
  title: { absolute: 'Orbit — plan projects your team actually finishes' },
};

export default async function LandingPage() {
  const user = await identifyCaller();
  return (
    <>
      <Hero />
      <SocialProof />
      <Features />
      <HowItWorks />
      <Testimonial />
      <PricingTeaser />
      <CtaBand source="landing" signedIn={Boolean(user)} />
    </>
  );
}
