import { z } from "zod";

/** The answer to POST /api/v1/people/{id}/erasure: the same outcome however often it is asked. */
export const erasureOutcomeSchema = z
  .object({
    personId: z.uuid(),
    erasedAt: z.iso.datetime({ offset: true }).describe("When the details were erased (the first call)"),
    alreadyErased: z.boolean().describe("True when an earlier call erased them: nothing was changed this time"),
    counts: z
      .object({
        notifications: z.int(),
        notificationActions: z.int(),
        deliveries: z.int(),
        deliveryStatusEvents: z.int(),
        documents: z.int(),
        activities: z.int(),
        idempotentResponses: z.int(),
      })
      .describe("Rows redacted by the erasure, per kind (the first call's)"),
  })
  .meta({ id: "ErasureOutcome" });
