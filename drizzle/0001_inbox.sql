CREATE TABLE "inbox_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"uuid" text NOT NULL,
	"event" text NOT NULL,
	"distinct_id" text NOT NULL,
	"timestamp" timestamp (3) with time zone NOT NULL,
	"received_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"properties" jsonb NOT NULL,
	"source" text NOT NULL,
	"session_id" text
);
--> statement-breakpoint
CREATE TABLE "inbox_groups" (
	"group_type" text NOT NULL,
	"group_key" text NOT NULL,
	"seq" bigserial NOT NULL,
	"properties" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_groups_group_type_group_key_pk" PRIMARY KEY("group_type","group_key")
);
--> statement-breakpoint
CREATE TABLE "inbox_person_distinct_ids" (
	"distinct_id" text PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"seq" bigserial NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_persons" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"properties" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"groups" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_sentry_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"envelope_id" text NOT NULL,
	"project" text NOT NULL,
	"type" text NOT NULL,
	"item_type" text NOT NULL,
	"event_id" text,
	"trace_id" text,
	"span_id" text,
	"parent_span_id" text,
	"name" text,
	"op" text,
	"received_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"payload" jsonb,
	"raw" text,
	"item_header" jsonb NOT NULL,
	"envelope_header" jsonb NOT NULL,
	"size" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_snapshots" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"window_id" text,
	"distinct_id" text,
	"start" timestamp (3) with time zone NOT NULL,
	"end" timestamp (3) with time zone NOT NULL,
	"event_count" integer NOT NULL,
	"events" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inbox_person_distinct_ids" ADD CONSTRAINT "inbox_person_distinct_ids_person_id_inbox_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."inbox_persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_events_uuid_idx" ON "inbox_events" USING btree ("uuid");--> statement-breakpoint
CREATE INDEX "inbox_events_distinct_id_idx" ON "inbox_events" USING btree ("distinct_id");--> statement-breakpoint
CREATE INDEX "inbox_events_event_idx" ON "inbox_events" USING btree ("event");--> statement-breakpoint
CREATE INDEX "inbox_events_session_id_idx" ON "inbox_events" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "inbox_events_timestamp_idx" ON "inbox_events" USING btree ("timestamp");--> statement-breakpoint
CREATE INDEX "inbox_person_distinct_ids_person_id_idx" ON "inbox_person_distinct_ids" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "inbox_sentry_items_trace_id_idx" ON "inbox_sentry_items" USING btree ("trace_id");--> statement-breakpoint
CREATE INDEX "inbox_sentry_items_type_idx" ON "inbox_sentry_items" USING btree ("type");--> statement-breakpoint
CREATE INDEX "inbox_sentry_items_event_id_idx" ON "inbox_sentry_items" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "inbox_snapshots_session_id_idx" ON "inbox_snapshots" USING btree ("session_id");