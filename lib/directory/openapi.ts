import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { paginationQuerySchema } from "@/lib/api/pagination";
import { problemResponses, securedByEither } from "@/lib/openapi/problem-responses";
import { erasureOutcomeSchema, personalDataExportSchema } from "@/lib/personal-data/erasure-schema";
import { json } from "@/lib/openapi/operation-parts";
import { importPaths } from "./import/openapi";
import { listPeopleQuerySchema, personIdParamsSchema, personPageSchema, personSchema } from "./person-responses";
import { createPersonBodySchema, updatePersonBodySchema } from "./person-schema";
import {
  createTeamBodySchema,
  teamKeyParamsSchema,
  teamSchema,
  teamSummarySchema,
  updateTeamBodySchema,
} from "./team-schema";

const tags = ["Directory"];
const scopeNote = "Needs the directory:manage scope (administrators hold it through their role).";
const audited = "Written to the activity history (targetType person or team) with the caller as author.";

const teamPageSchema = z
  .object({ results: z.array(teamSummarySchema), paginationDetails: z.object({ nextToken: z.string().nullable() }) })
  .meta({ id: "TeamPage" });

export const directoryPaths: ZodOpenApiPathsObject = {
  "/api/v1/people": {
    get: {
      summary: "List people in the directory",
      description: `By name, then id (not newest first: a directory is read by name). ${scopeNote}`,
      tags,
      security: securedByEither,
      requestParams: { query: listPeopleQuerySchema },
      responses: {
        "200": { description: "A page", content: json(personPageSchema) },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "rate_limited"),
      },
    },
    post: {
      summary: "Add a person (staff or resident)",
      description:
        "Contacts are checked as GOV.UK Notify checks them and stored in its normal form. Staff need an email and a role; " +
        `residents hold the resident role only and no teams. A taken email or personId is a 409 naming the field. ${audited} ${scopeNote}`,
      tags,
      security: securedByEither,
      requestBody: { content: json(createPersonBodySchema) },
      responses: {
        "201": { description: "Added", content: json(personSchema) },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "conflict", "unsupported_media_type"),
      },
    },
  },
  "/api/v1/people/{id}": {
    get: {
      summary: "One person",
      tags,
      security: securedByEither,
      requestParams: { path: personIdParamsSchema },
      responses: {
        "200": { description: "The person", content: json(personSchema) },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "not_found"),
      },
    },
    patch: {
      summary: "Change a person",
      description:
        "Only the fields sent change (null clears a detail); the whole record is then checked again. " +
        "`disabled: true` ends the person's sessions and API use at once and leaves them out of team and role fan-out; " +
        `\`false\` lets them sign in again. ${audited} ${scopeNote}`,
      tags,
      security: securedByEither,
      requestParams: { path: personIdParamsSchema },
      requestBody: { content: json(updatePersonBodySchema) },
      responses: {
        "200": { description: "The person as changed", content: json(personSchema) },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "not_found", "conflict"),
      },
    },
  },
  "/api/v1/people/{id}/erasure": {
    post: {
      summary: "Erase a person's details everywhere",
      description:
        "In one transaction: the directory row keeps its id but loses name, contacts and address and is disabled; " +
        "notifications addressed to the person (by id, person id, email or number) lose their contacts, names, address, " +
        "personalisation and message, and their letters' and attachments' bytes; anywhere else the person's name, email or " +
        "number appears (other notifications, deliveries, action notes, activity history) it becomes `[erased]`. " +
        "Who acted, when and on what stays. An activity entry (targetType person, sourceDomain `Personal data erasure`) " +
        "records the caller and the counts, nothing personal. Asking again answers the first outcome with " +
        `\`alreadyErased: true\` and changes nothing. ${scopeNote}`,
      tags,
      security: securedByEither,
      requestParams: { path: personIdParamsSchema },
      responses: {
        "200": { description: "Erased (now or before)", content: json(erasureOutcomeSchema) },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "not_found"),
      },
    },
  },
  "/api/v1/people/{id}/export": {
    get: {
      summary: "Subject access: everything held about a person",
      description:
        "One JSON file to download (`Content-Disposition: attachment`), streamed: `person` (the directory record), " +
        "`notifications` addressed to them (by id, person id, their own copies, email or number), `receipts` (their read and " +
        "archived state), `actions` they recorded, `deliveries` to them, `documents` (details; each file opens at " +
        "GET /api/v1/documents/{uid}), `preferences`, and `activities` about them or written by or for them. " +
        scopeNote,
      tags,
      security: securedByEither,
      requestParams: { path: personIdParamsSchema },
      responses: {
        "200": {
          description: "The export",
          headers: z.object({
            "content-disposition": z.string().meta({ example: 'attachment; filename="person-….json"' }),
          }),
          content: json(personalDataExportSchema),
        },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "not_found"),
      },
    },
  },
  "/api/v1/teams": {
    get: {
      summary: "List teams",
      description: `By key, with their managers and member count. ${scopeNote}`,
      tags,
      security: securedByEither,
      requestParams: { query: paginationQuerySchema },
      responses: {
        "200": { description: "A page", content: json(teamPageSchema) },
        ...problemResponses("bad_request", "unauthorized", "forbidden"),
      },
    },
    post: {
      summary: "Add a team",
      description: `Members and managers are staff in the directory. A taken key is a 409. ${audited} ${scopeNote}`,
      tags,
      security: securedByEither,
      requestBody: { content: json(createTeamBodySchema) },
      responses: {
        "201": { description: "Added", content: json(teamSchema) },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "conflict", "unsupported_media_type"),
      },
    },
  },
  "/api/v1/teams/{key}": {
    get: {
      summary: "One team with its members and managers",
      tags,
      security: securedByEither,
      requestParams: { path: teamKeyParamsSchema },
      responses: {
        "200": { description: "The team", content: json(teamSchema) },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "not_found"),
      },
    },
    patch: {
      summary: "Change a team",
      description: `Only the fields sent change; members and managers are replaced whole. ${audited} ${scopeNote}`,
      tags,
      security: securedByEither,
      requestParams: { path: teamKeyParamsSchema },
      requestBody: { content: json(updateTeamBodySchema) },
      responses: {
        "200": { description: "The team as changed", content: json(teamSchema) },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "not_found"),
      },
    },
  },
  ...importPaths,
};
