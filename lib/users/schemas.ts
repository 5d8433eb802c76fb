// Input schemas of the auth and profile forms. Messages are what the user reads next to the field.
import { z } from 'zod';

export const emailSchema = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .toLowerCase()
  .min(1, 'Enter your email address.')
  .max(254, 'That email address is too long.')
  .pipe(z.email('Enter a valid email address.'));

export const personNameSchema = z
  .string({ error: 'Enter your name.' })
  .trim()
  .min(1, 'Enter your name.')
  .max(80, 'Keep your name under 80 characters.');

export const signUpSchema = z.object({
  name: personNameSchema,
  email: emailSchema,
  password: z
    .string({ error: 'Choose a password.' })
    .min(8, 'Use at least 8 characters.')
    .max(128, 'Use at most 128 characters.'),
});

export const logInSchema = z.object({
  email: emailSchema,
  // No length rule on login: a short password is simply wrong, and saying so would hint at the policy only.
  password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(128, 'Incorrect email or password.'),
  next: z.string().max(2048).optional(),
});
