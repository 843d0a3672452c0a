import { createDocument } from "zod-openapi";
import { scopes } from "@/db/schema";
import { scopeDescriptions } from "@/lib/auth/permissions";
import { authPaths } from "@/lib/auth/openapi";
import { activityPaths } from "@/lib/activity/openapi";
import { deliveryPaths } from "@/lib/delivery/openapi";
import { directoryPaths } from "@/lib/directory/openapi";
import { healthPaths } from "@/lib/health/openapi";
import { notificationPaths } from "@/lib/notifications/openapi";
import { batchPaths } from "@/lib/notifications/openapi-batch";
import { bulkPaths } from "@/lib/notifications/openapi-bulk";
import { inboxPaths } from "@/lib/notifications/openapi-inbox";
import { realtimePaths } from "@/lib/realtime/openapi";
import { stalledPaths } from "@/lib/rules/engine/openapi";
import { rulePaths } from "@/lib/rules/openapi";
import { smsPaths } from "@/lib/sms/openapi";
import { subscriptionPaths } from "@/lib/subscriptions/openapi";
import { visitPaths } from "@/lib/visits/openapi";
import { openApiDocumentPaths } from "./openapi";
import { problemSchema } from "./problem-responses";

let cached: ReturnType<typeof createDocument> | undefined;

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function getOpenApiDocument() {
  cached ??= createDocument({
    openapi: "3.1.0",
    info: {
      title: "Notification Centre API",
      version: "1.0.0",
      description:
        "Notifications (screen, email, text, letter through GOV.UK Notify) and activity history for the council's housing services. " +
        "Errors are RFC 9457 problem details; lists page with pageSize and an opaque paginationToken. " +
        "Every response carries `x-correlation-id`: the caller's own when it sent one, else a new one. " +
        "Browser pages of the origins configured in CORS_ORIGINS may call it cross-origin: preflights are answered, " +
        "`Access-Control-Allow-Origin` names the calling origin (never `*`, never with credentials: send `Authorization: Bearer`) " +
        "and `x-correlation-id` is exposed to their scripts.",
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          description:
            "An API key issued to a client service by an admin; or, where the council's gateway secret is configured, " +
            "a person's gateway token (an HS256 JWT, also accepted in the hackneyToken cookie). A key's scopes:\n\n" +
            scopes.map((scope) => `- \`${scope}\`: ${scopeDescriptions[scope]}`).join("\n"),
        },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "A signed-in person" },
        notifyCallbackToken: {
          type: "http",
          scheme: "bearer",
          description: "The token configured as GOV.UK Notify's callback bearer token",
        },
      },
      schemas: { Problem: problemSchema },
    },
    security: [{ apiKey: [] }, { session: [] }],
    paths: {
      ...healthPaths,
      ...openApiDocumentPaths,
      ...authPaths,
      ...notificationPaths,
      ...batchPaths,
      ...bulkPaths,
      ...smsPaths,
      ...deliveryPaths,
      ...realtimePaths,
      ...inboxPaths,
      ...activityPaths,
      ...directoryPaths,
      ...rulePaths,
      ...stalledPaths,
      ...visitPaths,
      ...subscriptionPaths,
    },
  });
  return cached;
}
