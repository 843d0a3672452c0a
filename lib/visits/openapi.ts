import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { clientKeyWith, problemResponses, securedByEither } from "@/lib/openapi/problem-responses";
import {
  createVisitBodySchema,
  listVisitsQuerySchema,
  updateVisitBodySchema,
  visitIdParamsSchema,
  visitPageSchema,
  visitSchema,
} from "./contract";

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const tags = ["Visits"];
const readers =
  "Housing and repairs staff, administrators and clients holding visits:manage read every visit; the officer booked for a visit reads that visit.";
const audited =
  "Written to the property's activity history (targetType asset, targetId the propertyId) with the caller as author.";
const writers = "For clients holding visits:manage, and administrators.";

export const visitPaths: ZodOpenApiPathsObject = {
  "/api/v1/visits": {
    get: {
      summary: "List visits",
      description: `By start time, earliest first, then id (a diary, not a feed). ${readers}`,
      tags,
      security: securedByEither,
      requestParams: { query: listVisitsQuerySchema },
      responses: {
        "200": { description: "A page", content: json(visitPageSchema) },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "rate_limited"),
      },
    },
    post: {
      summary: "Book a visit",
      description: `An officer (staff) visits a resident (by personId or residentUserId) at a property. ${writers} ${audited}`,
      tags,
      // Admins book through their session; clients need the visits:manage scope.
      security: [...clientKeyWith("visits:manage"), { session: [] }],
      requestBody: { content: json(createVisitBodySchema) },
      responses: {
        "201": { description: "Booked", content: json(visitSchema) },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "unsupported_media_type", "rate_limited"),
      },
    },
  },
  "/api/v1/visits/{id}": {
    get: {
      summary: "One visit",
      description: `${readers} Anyone else gets 404, as for an unknown id.`,
      tags,
      security: securedByEither,
      requestParams: { path: visitIdParamsSchema },
      responses: {
        "200": { description: "The visit", content: json(visitSchema) },
        ...problemResponses("bad_request", "unauthorized", "not_found"),
      },
    },
    patch: {
      summary: "Reschedule a visit",
      description: `Another time (startsAt, endsAt) or officer. 409 for a cancelled visit. ${writers} ${audited}`,
      tags,
      security: securedByEither,
      requestParams: { path: visitIdParamsSchema },
      requestBody: { content: json(updateVisitBodySchema) },
      responses: {
        "200": { description: "The visit as it now is", content: json(visitSchema) },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "not_found", "conflict"),
      },
    },
    delete: {
      summary: "Cancel a visit",
      description: `The visit is kept with status cancelled; cancelling it again changes nothing. ${writers} ${audited}`,
      tags,
      security: securedByEither,
      requestParams: { path: visitIdParamsSchema },
      responses: {
        "200": { description: "The cancelled visit", content: json(visitSchema) },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "not_found"),
      },
    },
  },
};
