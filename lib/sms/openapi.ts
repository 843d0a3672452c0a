import type { ZodOpenApiPathsObject } from "zod-openapi";
import { clientKeyWith, problemResponses, securedByEither } from "@/lib/openapi/problem-responses";
import { idempotencyHeader, json } from "@/lib/openapi/operation-parts";
import { createSmsBodySchema, listSmsQuerySchema, smsIdParamsSchema, smsPageSchema, smsSchema } from "./contract";

export const smsPaths: ZodOpenApiPathsObject = {
  "/api/v1/sms": {
    get: {
      summary: "List the caller's text messages",
      description:
        "Free-text texts sent with POST /api/v1/sms: a client service sees the ones it sent, a person the ones sent to them. Newest first; filter by personId or userId.",
      tags: ["Text messages"],
      security: securedByEither,
      requestParams: { query: listSmsQuerySchema },
      responses: {
        "200": { description: "A page", content: json(smsPageSchema) },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "rate_limited"),
      },
    },
    post: {
      summary: "Text a person",
      description:
        "For client services (an API key with notifications:write). Sends the message to a client or a member of staff by personId (the council's id) or userId, never to a number: their mobile number comes from the directory when it is sent. Stored and sent as a Text notification (per-recipient caps, Idempotency-Key, delivery statuses), through the Notify template with the single field ((message)).",
      tags: ["Text messages"],
      // notifications:write, which no person's role grants: client services only.
      security: clientKeyWith("notifications:write"),
      requestParams: { header: idempotencyHeader },
      requestBody: { content: json(createSmsBodySchema) },
      responses: {
        "201": { description: "Created", content: json(smsSchema) },
        ...problemResponses(
          "bad_request",
          "unauthorized",
          "forbidden",
          "conflict",
          "unsupported_media_type",
          "rate_limited",
        ),
      },
    },
  },
  "/api/v1/sms/{id}": {
    get: {
      summary: "One text message with its delivery status",
      tags: ["Text messages"],
      security: securedByEither,
      requestParams: { path: smsIdParamsSchema },
      responses: {
        "200": { description: "The text message", content: json(smsSchema) },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "not_found"),
      },
    },
  },
};
