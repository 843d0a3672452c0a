import type { ZodOpenApiPathsObject } from "zod-openapi";
import { problemResponses } from "@/lib/openapi/problem-responses";
import { healthSchema } from "./check-health";
import { livenessSchema } from "./liveness";

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
  "/api/v1/health/live": {
    get: {
      summary: "Process liveness",
      description:
        "Answers while this process serves requests, without touching the database: a liveness probe that restarts the process only when the process itself is stuck. Readiness is `/api/v1/health`.",
      tags: ["Service"],
      security: [],
      responses: {
        "200": { description: "Alive", content: { "application/json": { schema: livenessSchema } } },
        ...problemResponses("internal_error"),
      },
    },
  },
};
