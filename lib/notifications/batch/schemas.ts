import { z } from "zod";
import "zod-openapi";
import { configuredServiceKeys, unknownServiceMessage } from "@/lib/notify/services";

export const maxBatchRows = 10_000;
export const maxBatchBytes = 5 * 1024 * 1024;

export const batchQuerySchema = z
  .object({
    notificationType: z.enum(["Email", "Text", "Letter"], "Must be one of Email, Text, Letter"),
    serviceKey: z
      .string()
      .trim()
      .min(1, "Name the GOV.UK Notify service that sends them, e.g. housing")
      .refine((key) => configuredServiceKeys().includes(key), { error: () => unknownServiceMessage() }),
    templateId: z.uuid("templateId must be a GOV.UK Notify template id (a uuid)"),
  })
  .meta({ id: "BatchQuery" });
export type BatchQuery = z.infer<typeof batchQuerySchema>;

export const batchCreatedSchema = z
  .object({
    count: z.number().int().meta({ description: "How many notifications were created: one per row" }),
    ids: z.array(z.uuid()).meta({ description: "The new notifications' ids, in the order of the rows" }),
  })
  .meta({ id: "BatchCreated" });
export type BatchCreated = z.infer<typeof batchCreatedSchema>;
