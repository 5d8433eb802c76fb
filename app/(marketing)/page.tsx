export default function LandingPage() {
  return <main className="p-10 text-3xl font-semibold">Orbit</main>;
}
