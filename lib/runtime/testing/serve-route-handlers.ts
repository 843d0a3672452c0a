import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { Readable } from "node:stream";
import * as notificationsRoute from "@/app/api/v1/notifications/route";
import * as countsRoute from "@/app/api/v1/notifications/counts/route";
import * as streamRoute from "@/app/api/v1/notifications/stream/route";
import { prepareDatabase } from "@/db/prepare";
import { startDeliveryInApp } from "@/lib/delivery/start-in-app";
import { shutDownOnSignal } from "@/lib/runtime/shut-down-on-signal";
import type { RouteHandler } from "@/lib/testing/route-handlers";

// One "app replica" for scale-out.processes.test.ts without a Next build (unit tests run before
// it): the real route handlers for the inbox, its counts and its live stream, served over node:http
// on REPLICA_PORT, with the app's own start-up (settings, database, delivery queue) and SIGTERM drain.

const routes: Record<string, Partial<Record<string, RouteHandler>>> = {
  "/api/v1/notifications": { GET: notificationsRoute.GET, POST: notificationsRoute.POST },
  "/api/v1/notifications/counts": { GET: countsRoute.GET },
  "/api/v1/notifications/stream": { GET: streamRoute.GET },
};

function toRequest(incoming: IncomingMessage, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers))
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const each of value) headers.append(name, each);
  const hasBody = incoming.method !== "GET" && incoming.method !== "HEAD";
  return new Request(`http://127.0.0.1${incoming.url ?? "/"}`, {
    method: incoming.method,
    headers,
    body: hasBody ? (Readable.toWeb(incoming) as ReadableStream<Uint8Array>) : undefined,
    signal,
    // @ts-expect-error -- Node's fetch needs duplex for a streamed request body; the DOM types lack it
    duplex: hasBody ? "half" : undefined,
  });
}

async function serve(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
  const abort = new AbortController();
  // The client went away (a proxy cut, a closed stream): the handler's signal ends its stream.
  outgoing.once("close", () => abort.abort());
  const handler = routes[new URL(incoming.url ?? "/", "http://127.0.0.1").pathname]?.[incoming.method ?? "GET"];
  if (!handler) {
    outgoing.writeHead(404).end();
    return;
  }
  const response = await handler(toRequest(incoming, abort.signal), { params: Promise.resolve({}) });
  outgoing.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) return void outgoing.end();
  outgoing.flushHeaders();
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) outgoing.write(chunk);
  } catch {
    // The stream was cancelled because the client left; nothing more to send.
  }
  outgoing.end();
}

async function main(): Promise<void> {
  await prepareDatabase();
  await startDeliveryInApp();
  const server = createServer((incoming, outgoing) => {
    serve(incoming, outgoing).catch((error: unknown) => {
      console.error(error);
      if (!outgoing.headersSent) outgoing.writeHead(500);
      outgoing.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(Number(process.env.REPLICA_PORT ?? 0), "127.0.0.1", resolve));
  shutDownOnSignal();
  const address = server.address();
  process.stdout.write(`listening ${typeof address === "object" && address ? address.port : 0}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
