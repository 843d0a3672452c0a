// Preloaded into the server process by lib/cli/start.mjs (node --import). Next.js turns every
// request into a WHATWG Request, and the Fetch standard forbids TRACE, so Next answered `TRACE /`
// and `TRACE /api/v1/…` with a 500 before any of our code ran. Every server the process creates
// now answers a method we do not serve with a 405 instead, before Next sees the request.
// (Methods Node's HTTP parser does not know at all, such as TRACK, already get Node's own 400.)
import { randomUUID } from "node:crypto";
import http from "node:http";

/** The methods the app's pages and route handlers answer (Next adds HEAD and OPTIONS itself). */
export const servedMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** `listener`, behind a 405 for every method it does not serve, in the API's problem+json shape. */
export function refuseUnknownMethods(listener) {
  return (request, response) => {
    if (servedMethods.includes(request.method)) return listener(request, response);
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
  };
}

const createServer = http.createServer;
http.createServer = function createServerServingKnownMethods(...args) {
  const index = args.findIndex((argument) => typeof argument === "function");
  if (index >= 0) args[index] = refuseUnknownMethods(args[index]);
  return createServer.apply(this, args);
};
