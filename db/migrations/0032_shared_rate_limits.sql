CREATE TABLE "rate_limit_windows" (
	"key" text PRIMARY KEY NOT NULL,
	"resets_at" timestamp with time zone NOT NULL,
	"count" integer NOT NULL
);
