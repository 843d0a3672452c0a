import { z } from "zod";
import { activityTargetTypes } from "@/db/schema";
import { timelineFilters } from "./list-timeline";

// "property" is what staff call an asset; the URL accepts both.
export const timelineParamsSchema = z.object({
  targetType: z
    .string()
    .transform((value) => (value === "property" ? "asset" : value))
    .pipe(z.enum(activityTargetTypes)),
  targetId: z.uuid(),
});

export const timelineSearchSchema = z.object({
  show: z.enum(timelineFilters).catch("all"),
  page: z.string().max(500).optional().catch(undefined),
});

export { historyTargetTypeNames } from "./target-type-names";
