import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { roles, scopes } from "@/db/schema";
import { problemResponses, securedByEither } from "@/lib/openapi/problem-responses";

export const callerSchema = z
  .discriminatedUnion("kind", [
    z.object({
      kind: z.literal("person"),
      id: z.uuid(),
      name: z.string(),
      email: z.string(),
      roles: z.array(z.enum(roles)),
      teams: z.array(z.string()),
      scopes: z.array(z.enum(scopes)),
    }),
    z.object({ kind: z.literal("client"), id: z.uuid(), name: z.string(), scopes: z.array(z.enum(scopes)) }),
  ])
  .meta({ id: "Caller" });

export const authPaths: ZodOpenApiPathsObject = {
  "/api/v1/me": {
    get: {
      summary: "Who am I",
      description: "The caller as the API sees it: a person (session) or a client service (API key), with scopes.",
      tags: ["Identity"],
      security: securedByEither,
      responses: {
        "200": { description: "The caller", content: { "application/json": { schema: callerSchema } } },
        ...problemResponses("unauthorized"),
      },
    },
  },
};
