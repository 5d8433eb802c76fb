CREATE TABLE "inbox_health_secrets" (
	"value" text PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_health_warnings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" bigint NOT NULL,
	"event_uuid" text NOT NULL,
	"event" text NOT NULL,
	"rule" text NOT NULL,
	"severity" text NOT NULL,
	"path" text,
	"message" text NOT NULL,
	"distinct_id" text NOT NULL,
	"session_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inbox_health_warnings" ADD CONSTRAINT "inbox_health_warnings_event_id_inbox_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."inbox_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inbox_health_warnings_event_id_idx" ON "inbox_health_warnings" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "inbox_health_warnings_rule_idx" ON "inbox_health_warnings" USING btree ("rule");--> statement-breakpoint
CREATE INDEX "inbox_health_warnings_session_id_idx" ON "inbox_health_warnings" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "inbox_health_warnings_distinct_id_idx" ON "inbox_health_warnings" USING btree ("distinct_id");