import { z } from "zod";
import "zod-openapi";
import type { Scope } from "@/db/schema";
import { errorCodes, type ErrorCode } from "@/lib/api/errors";
import { problemContentType } from "@/lib/api/problem";

export const problemSchema = z
  .object({
    type: z.string().meta({ example: "/api/docs#problem-bad-request" }),
    title: z.string().meta({ example: "Bad request" }),
    status: z.number().int().meta({ example: 400 }),
    detail: z.string().meta({ example: "The request is not valid: check email" }),
    instance: z.string().optional().meta({ example: "/api/v1/notifications" }),
    correlationId: z.string().meta({ description: "Also sent as the x-correlation-id header" }),
    errors: z
      .array(z.object({ path: z.string().meta({ example: "email" }), message: z.string() }))
      .optional()
      .meta({ description: "Every failing field, for validation errors" }),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details" });

/** OpenAPI response entries for the problem statuses an operation can answer with. */
export function problemResponses(...codes: ErrorCode[]) {
  return Object.fromEntries(
    codes.map((code) => [
      String(errorCodes[code].status),
      { description: errorCodes[code].title, content: { [problemContentType]: { schema: problemSchema } } },
    ]),
  );
}

export const securedByEither: Record<string, string[]>[] = [{ apiKey: [] }, { session: [] }];

/** For routes only client services may call (no person's role grants the scope): an API key holding `scope`. */
export const clientKeyWith = (scope: Scope): Record<string, string[]>[] => [{ apiKey: [scope] }];
