import { z } from "zod";
import { deliveryChannels } from "@/db/schema";
import { deliveryStatuses } from "@/lib/delivery/statuses";

/** The statuses the outbox can filter by: all of them (lib/delivery/statuses.ts). */
export const outboxStatuses = deliveryStatuses;

const blankAsUndefined = (value: unknown) => (value === "" ? undefined : value);

/** The outbox page's URL: filters and the keyset position, so a link reproduces the view. */
export const outboxSearchSchema = z.object({
  status: z.preprocess(blankAsUndefined, z.enum(outboxStatuses).optional()).catch(undefined),
  channel: z.preprocess(blankAsUndefined, z.enum(deliveryChannels).optional()).catch(undefined),
  after: z.string().max(200).optional().catch(undefined),
});
export type OutboxSearch = z.infer<typeof outboxSearchSchema>;
