import { z } from "zod";
import type { Caller } from "@/lib/auth/caller";
import { authorize, mayReadEventTypes } from "@/lib/auth/policies";
import { eventTypeNames, eventTypes, filterNames } from "./event-types";

// GET /api/v1/event-types: the catalogue, each payload as a JSON Schema generated from its zod schema.

export const eventTypeSchema = z
  .object({
    type: z.enum(eventTypeNames),
    description: z.string(),
    filters: z.array(z.enum(filterNames)).meta({ description: "The filters a subscription to this type may set" }),
    status: z.string().nullable().meta({ description: "What the status filter compares, where it applies" }),
    dataSchema: z.record(z.string(), z.unknown()).meta({ description: "The JSON Schema of the webhook body's data" }),
  })
  .meta({ id: "EventType" });
export type EventTypeResponse = z.infer<typeof eventTypeSchema>;

export const eventTypeListSchema = z.object({ results: z.array(eventTypeSchema) }).meta({ id: "EventTypeList" });

let described: { results: EventTypeResponse[] } | undefined;

export function describeEventTypes(): { results: EventTypeResponse[] } {
  described ??= {
    results: eventTypeNames.map((type) => {
      const definition = eventTypes[type];
      return {
        type,
        description: definition.description,
        filters: [...definition.filters],
        status: "statusMeans" in definition ? definition.statusMeans : null,
        dataSchema: z.toJSONSchema(definition.data, { io: "output", unrepresentable: "any" }) as Record<
          string,
          unknown
        >,
      };
    }),
  };
  return described;
}

/** The catalogue, for those who manage subscriptions. */
export function listEventTypes(caller: Caller): { results: EventTypeResponse[] } {
  authorize(caller, mayReadEventTypes);
  return describeEventTypes();
}
