// Zod compiles object parsers with `new Function` when the page allows it. Orbit's Content-Security-Policy has no
// 'unsafe-eval', so in the browser zod's probe is blocked and reported as a securitypolicyviolation (harmless, but
// noise in every CSP report). The browser parses without the JIT; the server keeps it. Imported before any schema
// is built (zod reads the setting when a schema is created).
import { z } from 'zod';

if (typeof window !== 'undefined') z.config({ jitless: true });
