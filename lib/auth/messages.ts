// Texts of the auth forms that tests and docs rely on; kept apart because 'use server' modules export only actions.
export const INCORRECT_CREDENTIALS = 'Incorrect email or password.';
/** Shown for every refused sign-up, including an email that already has an account (no enumeration). */
export const SIGN_UP_REFUSED = "We couldn't create an account with these details. If you already have an account, log in.";
