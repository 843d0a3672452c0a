import { z } from "zod";
import "zod-openapi";

// Pieces every domain's OpenAPI paths (lib/*/openapi.ts) use, kept here so they say the same thing.

/** A JSON request or response body of this schema. */
export const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });

/** The header lib/api/idempotency.ts honours on creates. */
export const idempotencyHeader = z.object({
  "Idempotency-Key": z
    .string()
    .optional()
    .meta({ description: "Replays the first response for 24 hours; a different body is 409" }),
});
