// What the server states at start-up: the mode it runs in, and a loud warning for every development convenience
// switched on in production (anyone who can reach the server can use them).
import 'server-only';
import type { LocalModeDecision } from './local-mode';

export type StartupMode = {
  nodeEnv: string;
  localMode: LocalModeDecision;
  billingProvider: 'local' | 'stripe' | null;
};

export type StartupLine = { level: 'info' | 'warn'; text: string };

export function startupModeLines({ nodeEnv, localMode, billingProvider }: StartupMode): StartupLine[] {
  const production = nodeEnv === 'production';
  const lines: StartupLine[] = [
    {
      level: 'info',
      text: `[orbit] mode: ${nodeEnv} · local inbox ${localMode.on ? 'ON' : 'off'} (${localMode.reason}) · billing: ${billingProvider ?? 'not configured'}`,
    },
  ];
  if (production && localMode.on) {
    lines.push({
      level: 'warn',
      text:
        '[orbit] !!! LOCAL MODE IS ON IN PRODUCTION (LOCAL_INBOX=1) !!! /dev/inbox and /api/dev/inbox/* show every ' +
        "user's events, persons, recordings and errors to anyone who can reach this server, and /ingest and /sentry " +
        'accept anyone’s writes. Only for throwaway test servers; unset LOCAL_INBOX on a real deployment.',
    });
  }
  if (production && billingProvider === 'local') {
    lines.push({
      level: 'warn',
      text:
        '[orbit] !!! LOCAL BILLING IN PRODUCTION (BILLING_PROVIDER=local) !!! Any signed-in user gets any paid plan ' +
        'with test card 4242 4242 4242 4242. Only for throwaway test servers.',
    });
  }
  return lines;
}
