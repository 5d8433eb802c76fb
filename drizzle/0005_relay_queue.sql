CREATE TABLE "relay_queue" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"destination" text NOT NULL,
	"path" text NOT NULL,
	"headers" jsonb NOT NULL,
	"body" "bytea" NOT NULL,
	"bytes" integer NOT NULL,
	"stored_at" bigint NOT NULL,
	"leased_until" bigint DEFAULT 0 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "relay_queue_destination_id_idx" ON "relay_queue" USING btree ("destination","id");