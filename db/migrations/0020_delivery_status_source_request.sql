-- Issue 12: a cancelled delivery's status event says a caller's request ended it. Nothing in this migration
-- uses the new value, so ADD VALUE is safe inside the one transaction pending migrations run in.
ALTER TYPE "public"."delivery_status_source" ADD VALUE 'request';
