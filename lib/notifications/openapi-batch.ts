import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { listTemplatesQuerySchema, templateSummarySchema } from "@/lib/notify/templates";
import { csvUploadRequestBody } from "@/lib/openapi/csv-upload";
import { clientKeyWith, problemResponses } from "@/lib/openapi/problem-responses";
import { idempotencyHeader } from "@/lib/openapi/operation-parts";
import { batchCreatedSchema, batchQuerySchema, maxBatchBytes, maxBatchRows } from "./batch/schemas";

// The batch upload, plus the two read-only routes it leans on: the templates (which columns a
// file needs) and the documents store (a letter's PDF).

export const batchPaths: ZodOpenApiPathsObject = {
  "/api/v1/notifications/batch": {
    post: {
      summary: "Create one notification per row of a CSV file",
      description:
        "The header row names the recipient column (`email` or `email address`; `mobileNumber` or `phone number`; " +
        "`address_line_1`…`address_line_7` or `postcode` for letters, as GOV.UK Notify's own CSV does) and a column for each " +
        `field the template needs. Every row is checked first; errors say \`line N: field\` and then nothing is created. ` +
        `At most ${maxBatchRows} rows and ${maxBatchBytes / 1024 / 1024} MB. Honours Idempotency-Key.`,
      tags: ["Notifications"],
      security: clientKeyWith("notifications:write"),
      requestParams: { query: batchQuerySchema, header: idempotencyHeader },
      requestBody: csvUploadRequestBody({
        description: "The header row, then one row per recipient",
        example: "email address,first_name\nrosa@example.com,Rosa",
      }),
      responses: {
        "201": { description: "Every row created", content: { "application/json": { schema: batchCreatedSchema } } },
        ...problemResponses(
          "bad_request",
          "unauthorized",
          "forbidden",
          "conflict",
          "payload_too_large",
          "unsupported_media_type",
          "service_unavailable",
        ),
      },
    },
  },
  "/api/v1/templates": {
    get: {
      summary: "List the GOV.UK Notify templates of every configured service",
      description:
        "Each with the personalisation fields it needs, parsed from `((name))` and `((name??text))` in its subject and body.",
      tags: ["Notifications"],
      requestParams: { query: listTemplatesQuerySchema },
      responses: {
        "200": {
          description: "The templates",
          content: { "application/json": { schema: z.object({ results: z.array(templateSummarySchema) }) } },
        },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "service_unavailable"),
      },
    },
  },
  "/api/v1/documents/{uid}": {
    get: {
      summary: "Download a stored document (a letter's PDF or an email's attached file)",
      description: "Only for callers who may see the notification it belongs to, and admins; anyone else gets 404.",
      tags: ["Notifications"],
      requestParams: { path: z.object({ uid: z.uuid() }) },
      responses: {
        "200": {
          description: "The file, with the content type it was stored with",
          content: {
            "application/pdf": { schema: z.string().meta({ format: "binary" }) },
            "application/octet-stream": { schema: z.string().meta({ format: "binary" }) },
          },
        },
        ...problemResponses("unauthorized", "forbidden", "not_found"),
      },
    },
  },
};
