import { randomUUID } from "node:crypto";
import http from "node:http";
import https from "node:https";

// Next.js turns every request into a WHATWG Request, and the Fetch standard forbids TRACE (and
// CONNECT, TRACK), so Next answered `TRACE /` and `TRACE /api/v1/…` with a 500 before any of our
// code ran: proxy.ts never sees such a request, as building its NextRequest is what throws. So the
// server process answers a method we do not serve with a 405 before Next's listener gets it.
// instrumentation.ts installs this at start, under `npm start`, bare `next start` and `next dev` alike.
// (Methods Node's HTTP parser does not know at all, such as TRACK, already get Node's own 400.)

/** The methods the app's pages and route handlers answer (Next adds HEAD and OPTIONS itself). */
export const servedMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** The 405, in the API's problem+json shape, naming the methods that are served. */
function refuse(request: http.IncomingMessage, response: http.ServerResponse): void {
  const problem = {
    type: "/api/docs#problem-method-not-allowed",
    title: "Method not allowed",
    status: 405,
    detail: `${request.method} is not supported; use one of ${servedMethods.join(", ")}`,
    correlationId: randomUUID(),
  };
  response.writeHead(405, {
    allow: servedMethods.join(", "),
    "content-type": "application/problem+json",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
  response.end(JSON.stringify(problem));
}

const installed = Symbol.for("notification-centre.refuse-unserved-methods");
type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;

/**
 * Every HTTP(S) server in this process, those already listening included (Next's server exists
 * before instrumentation runs), answers an unserved method itself. Installing twice changes nothing.
 */
export function refuseUnservedMethods(): void {
  for (const prototype of [http.Server.prototype, https.Server.prototype] as unknown as Record<symbol, unknown>[]) {
    if (prototype[installed]) continue;
    const emit = (prototype as unknown as { emit: Emit }).emit;
    (prototype as unknown as { emit: Emit }).emit = function emitServedRequests(event, ...args) {
      if (event === "request") {
        const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
        if (!servedMethods.includes(request.method ?? "")) {
          refuse(request, response);
          return true;
        }
      }
      return emit.call(this, event, ...args);
    };
    prototype[installed] = true;
  }
}
