import type { ZodOpenApiPathsObject } from "zod-openapi";
import { problemResponses } from "@/lib/openapi/problem-responses";
import { healthSchema } from "./check-health";
import { livenessSchema } from "./liveness";

const serviceHealth = {
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
};

export const healthPaths: ZodOpenApiPathsObject = {
  "/api/v1/health": { get: { summary: "Service health", ...serviceHealth } },
  // The council's APIs answer health checks here; an alias so their monitors switch unchanged
  "/api/v1/healthcheck/ping": {
    get: {
      summary: "Service health (the council's path)",
      description: "The same answer as `GET /api/v1/health`, at the path the council's APIs use for health checks.",
      ...serviceHealth,
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
