import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { problemResponses, securedByEither } from "@/lib/openapi/problem-responses";
import {
  createRuleBodySchema,
  listRulesQuerySchema,
  ruleIdParamsSchema,
  rulePageSchema,
  ruleSchema,
  updateRuleBodySchema,
} from "./rule-schema";
import { previewRuleBodySchema, rulePreviewSchema } from "./preview-schema";

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const tags = ["Rules"];
const scopeNote = "Needs the rules:manage scope (administrators hold it through their role).";
const audited =
  "Written to the activity history (targetType rule, read by administrators only) with the caller as author.";
const definitions =
  "A definition is checked against its kind: `event` (match an event, notify an audience with a `{{field.path}}` message), " +
  "`escalation` (remind, then escalate an unacted item of a category), `stalled` (no activity on a record for a duration), " +
  "`reminder` (before a visit). Durations are ISO 8601, PT1M to P1Y, in `calendar` or `working` time " +
  "(Monday–Friday 09:00–17:00 London time, England and Wales bank holidays excepted). Every failing field is listed.";

export const rulePaths: ZodOpenApiPathsObject = {
  "/api/v1/rules": {
    get: {
      summary: "List the rules",
      description: `By kind, then name, enabled or not. ${scopeNote}`,
      tags,
      security: securedByEither,
      requestParams: { query: listRulesQuerySchema },
      responses: {
        "200": { description: "A page", content: json(rulePageSchema) },
        ...problemResponses("bad_request", "unauthorized", "forbidden"),
      },
    },
    post: {
      summary: "Add a rule",
      description: `${definitions} A taken name is a 409. ${audited} ${scopeNote}`,
      tags,
      security: securedByEither,
      requestBody: { content: json(createRuleBodySchema) },
      responses: {
        "201": { description: "Added", content: json(ruleSchema) },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "conflict", "unsupported_media_type"),
      },
    },
  },
  "/api/v1/rules/{id}": {
    get: {
      summary: "One rule",
      tags,
      security: securedByEither,
      requestParams: { path: ruleIdParamsSchema },
      responses: {
        "200": { description: "The rule", content: json(ruleSchema) },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "not_found"),
      },
    },
    patch: {
      summary: "Change a rule",
      description:
        "Only the fields sent change; a definition replaces the old one whole, checked against the rule's kind (which never changes). " +
        `Send the \`version\` you read to have a stale edit refused with 409. ${audited} ${scopeNote}`,
      tags,
      security: securedByEither,
      requestParams: { path: ruleIdParamsSchema },
      requestBody: { content: json(updateRuleBodySchema) },
      responses: {
        "200": { description: "The rule as changed", content: json(ruleSchema) },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "not_found", "conflict"),
      },
    },
    delete: {
      summary: "Delete a rule",
      description: `The history keeps what it said. ${audited} ${scopeNote}`,
      tags,
      security: securedByEither,
      requestParams: { path: ruleIdParamsSchema },
      responses: {
        "204": { description: "Deleted" },
        ...problemResponses("bad_request", "unauthorized", "forbidden", "not_found"),
      },
    },
  },
  "/api/v1/rules/{id}/preview": {
    post: {
      summary: "Dry run: what the rule would make now, and for whom",
      description:
        "Writes nothing. For an event rule: whether the event (the one sent as `event`, or without a body one made to fit the rule's match) " +
        "fits the match, the recipients resolved now (a team's or role's active people by name; for `visitOfficersAtProperty` the officers " +
        "with a booked visit at the event's property, else the fallback team), each notification's rendered message and category, and the " +
        "template fields the event lacks (left empty when the rule runs). An event the rule already acted on makes nothing (`alreadyRan`). " +
        "For the sweeping kinds, what their sweep would do if it ran now, found by the sweep's own queries (the body is ignored): " +
        "an escalation rule lists the items due for a reminder (to their own audience) and for an escalation (to the managers, by name of " +
        "the group and as recipients); a stalled rule the records stalled now that it has not yet told anyone about, with the notice and " +
        "whom it goes to (the owner named in the record's history, else the rule's audience); a reminder rule the visits whose reminders " +
        "are due, to whom and by which channel, or why one would not be sent. Each list gives the first 50 in the sweep's order and the " +
        "total. A disabled rule is previewed as if enabled. A stored definition that no longer parses answers 422. " +
        scopeNote,
      tags,
      security: securedByEither,
      requestParams: { path: ruleIdParamsSchema },
      requestBody: { required: false, content: json(previewRuleBodySchema) },
      responses: {
        "200": { description: "What the rule would make", content: json(rulePreviewSchema) },
        ...problemResponses(
          "bad_request",
          "unauthorized",
          "forbidden",
          "not_found",
          "unsupported_media_type",
          "unprocessable_content",
        ),
      },
    },
  },
};
