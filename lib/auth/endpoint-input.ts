// Better Auth's endpoints (/api/auth/*) take the same input as Orbit's forms, so they get the same zod rules
// (lib/users/schemas.ts), applied in Better Auth's `before` hook (lib/auth/config.ts): its HTTP endpoints and the
// forms' in-process calls alike. A NUL character is refused in every string of every endpoint's body and query
// (Postgres text cannot store one: it would fail as a 500). A refusal is Better Auth's structured 400
// `VALIDATION_ERROR`, with the same field messages the forms show.
import 'server-only';
import { APIError } from 'better-auth/api';
import { z } from 'zod';
import { pathWithNul } from '@/lib/server/nul-characters';
import { emailSchema, logInSchema, personNameSchema, signUpSchema } from '@/lib/users/schemas';

const noImage = z.never({ error: 'Orbit does not store profile images.' }).optional();
const currentPassword = logInSchema.shape.password;
const newPassword = signUpSchema.shape.password;

/**
 * The fields each endpoint stores or checks, by Better Auth path; other fields pass through to Better Auth's own
 * validation. The parsed values (trimmed names, normalised emails) are what Better Auth then sees.
 */
const RULES: Record<string, z.ZodType<Record<string, unknown>>> = {
  '/sign-up/email': z.looseObject({ name: personNameSchema, email: emailSchema, password: newPassword, image: noImage }),
  '/sign-in/email': z.looseObject({ email: emailSchema, password: currentPassword }),
  '/update-user': z.looseObject({ name: personNameSchema.optional(), image: noImage }),
  '/change-email': z.looseObject({ newEmail: emailSchema }),
  '/change-password': z.looseObject({ currentPassword, newPassword }),
};

const MESSAGE = 'Please check the highlighted fields.';

function refuse(fieldErrors: Record<string, string[]>): never {
  throw new APIError('BAD_REQUEST', { code: 'VALIDATION_ERROR', message: MESSAGE, fieldErrors });
}

/**
 * Checks one Better Auth request's input: throws the 400 for input Orbit's rules refuse, returns the body Better
 * Auth should see (parsed, for the endpoints in RULES), or null to leave it as it is.
 */
export function checkEndpointInput(path: string, body: unknown, query: unknown): Record<string, unknown> | null {
  const nul = pathWithNul(body) ?? pathWithNul(query);
  if (nul !== null) refuse({ [nul || 'body']: ['Must not contain NUL characters.'] });
  const rule = RULES[path];
  if (!rule) return null;
  const parsed = rule.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (fieldErrors[issue.path.join('.') || 'body'] ??= []).push(issue.message);
  return refuse(fieldErrors);
}
