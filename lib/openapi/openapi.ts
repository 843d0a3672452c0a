import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { problemResponses } from "./problem-responses";

// The document describes itself too, so a client can discover where it lives from any copy of it.
export const openApiDocumentPaths: ZodOpenApiPathsObject = {
  "/api/v1/openapi.json": {
    get: {
      summary: "This OpenAPI 3.1 document",
      tags: ["Service"],
      security: [],
      responses: {
        "200": {
          description: "The OpenAPI document, generated from the schemas that validate requests",
          content: {
            "application/json": {
              schema: z.looseObject({ openapi: z.string().meta({ example: "3.1.0" }) }),
            },
          },
        },
        ...problemResponses("internal_error"),
      },
    },
  },
};
