import type { Database } from "@/db/client";
import { getDb } from "@/db/runtime";
import type { Scope } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { authorize, holdsScopes } from "@/lib/auth/policies";
import { resolveCaller } from "@/lib/auth/resolve-caller";
import { getSettings } from "@/lib/config/settings";
import { addCorsHeaders } from "@/lib/http/cors";
import { apiSecurityHeaders, isServedOverHttps } from "@/lib/http/security-headers";
import { recordRequest } from "@/lib/operations/record-request";
import { getDrain } from "@/lib/runtime/drain";
import { ApiError } from "./errors";
import { toProblemResponse } from "./problem";
import { clientRequestLimiter, enforceLimit, personRequestLimiter } from "./rate-limit";
import { correlationIdFor } from "./request";
import { refuseUnstorableInput } from "./storable-input";

type RouteContext<Params> = { params: Promise<Params> };

export type HandlerInput<Params, TCaller> = {
  request: Request;
  params: Params;
  caller: TCaller;
  db: Database;
  correlationId: string;
};

type Options = { scopes?: Scope[] };

/**
 * Wraps a route handler: resolves the caller (API key or session), checks scopes, awaits params,
 * turns any thrown error into problem+json, and tags the response with `x-correlation-id`, the
 * security headers (lib/http/security-headers.ts) and, for a configured origin, CORS (lib/http/cors.ts;
 * proxy.ts answers the preflights).
 */
export function withAuth<Params = Record<string, string>>(
  handler: (input: HandlerInput<Params, Caller>) => Promise<Response>,
  options: Options = {},
) {
  return wrap<Params, Caller>(handler, async (db, request) => {
    const caller = await resolveCaller(db, request.headers);
    if (caller.kind === "client")
      await enforceLimit(db, clientRequestLimiter, caller.id, "This API client has made too many requests");
    else await enforceLimit(db, personRequestLimiter, caller.id, "You have made too many requests");
    authorize(caller, holdsScopes, options.scopes ?? []);
    return caller;
  });
}

/** The same wrapper for the few public routes (health, OpenAPI): no caller. */
export function withoutAuth<Params = Record<string, string>>(
  handler: (input: HandlerInput<Params, null>) => Promise<Response>,
) {
  return wrap<Params, null>(handler, async () => null);
}

function wrap<Params, TCaller>(
  handler: (input: HandlerInput<Params, TCaller>) => Promise<Response>,
  identify: (db: Database, request: Request) => Promise<TCaller>,
) {
  return async (request: Request, context: RouteContext<Params>): Promise<Response> => {
    const started = performance.now();
    const correlationId = correlationIdFor(request);
    const drain = getDrain();
    const finished = drain.track();
    let response: Response;
    // Awaited first, so a refused request is counted under its route template too (recordRequest).
    let params: Params | undefined;
    try {
      params = await context.params;
      if (drain.draining) {
        throw new ApiError("service_unavailable", "This server is shutting down; try again", {
          headers: { "retry-after": "1" },
        });
      }
      const db = await getDb();
      const caller = await identify(db, request);
      // Path segments reach queries as text too: NUL in one (`/message-status/housing/%00`) is a 400.
      refuseUnstorableInput(params);
      response = await handler({ request, params, caller, db, correlationId });
    } catch (error) {
      response = toProblemResponse(error, { correlationId, instance: new URL(request.url).pathname });
    } finally {
      // A stream's handler returns once it is open: from then on the drain's signal closes it.
      finished();
    }
    response.headers.set("x-correlation-id", correlationId);
    const settings = getSettings();
    const securityHeaders = apiSecurityHeaders(response.headers.get("content-type"), {
      https: isServedOverHttps(settings),
    });
    for (const [name, value] of Object.entries(securityHeaders)) response.headers.set(name, value);
    addCorsHeaders(response.headers, request.headers.get("origin"), settings.cors.origins);
    recordRequest(request, params, response.status, performance.now() - started);
    return response;
  };
}
