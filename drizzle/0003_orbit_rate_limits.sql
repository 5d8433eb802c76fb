CREATE TABLE "orbit_rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"count" integer NOT NULL,
	"window_start" bigint NOT NULL,
	"expires_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "orbit_rate_limits_expires_at_idx" ON "orbit_rate_limits" USING btree ("expires_at");--> statement-breakpoint
-- Orbit's counters used to live in Better Auth's table under an `orbit:` prefix; they move here.
DELETE FROM "rate_limits" WHERE "key" LIKE 'orbit:%';
