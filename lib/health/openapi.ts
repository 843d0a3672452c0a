import type { ZodOpenApiPathsObject } from "zod-openapi";
import { problemResponses } from "@/lib/openapi/problem-responses";
import { healthSchema } from "./check-health";

export const healthPaths: ZodOpenApiPathsObject = {
  "/api/v1/health": {
    get: {
      summary: "Service health",
      tags: ["Service"],
      security: [],
      responses: {
        "200": { description: "Working", content: { "application/json": { schema: healthSchema } } },
        "503": {
          description: "The database cannot be reached",
          content: { "application/json": { schema: healthSchema } },
        },
        ...problemResponses("internal_error"),
      },
    },
  },
};
