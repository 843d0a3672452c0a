import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { problemResponses, securedByEither } from "@/lib/openapi/problem-responses";
import { listStalledQuerySchema, stalledRecordSchema } from "./list-stalled";

const stalledPageSchema = z
  .object({
    results: z.array(stalledRecordSchema),
    paginationDetails: z.object({ nextToken: z.string().nullable() }),
  })
  .meta({ id: "StalledPage" });

export const stalledPaths: ZodOpenApiPathsObject = {
  "/api/v1/stalled": {
    get: {
      summary: "Records stalled now (the work tray's Stalled view)",
      description:
        "Open records with no activity for an enabled stalled rule's duration, quietest first, of the types whose history the caller may read (a repairs manager sees work orders, not processes; residents see none). A record leaves the list when an activity arrives for it.",
      tags: ["Rules"],
      security: securedByEither,
      requestParams: { query: listStalledQuerySchema },
      responses: {
        "200": { description: "A page", content: { "application/json": { schema: stalledPageSchema } } },
        ...problemResponses("bad_request", "unauthorized", "forbidden"),
      },
    },
  },
};
