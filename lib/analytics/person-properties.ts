// What Orbit says about a person and a workspace to PostHog, from the server (posthog-node) and from the browser
// (posthog-js identify/group): ids, enums, dates and a salted email hash — never a raw email or name, nor a
// workspace's or project's name (docs/server-analytics.md, "Identity"). One type for both sides, so neither can
// send what the other does not.
export type PersonProperties = {
  email_domain?: string;
  email_hash?: string;
  job_role?: string;
  signed_up_at?: string;
  plan?: string | null;
  workspace_role?: string | null;
};

/** The `workspace` group's properties: no name (a workspace's name is typed by its users). */
export type GroupProperties = { plan: string };
