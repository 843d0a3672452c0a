import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refuseUnservedMethods } from "./refuse-unserved-methods";

// As instrumentation.ts installs it: after the server exists (Next's is listening before
// instrumentation runs), it answers an unserved method itself and hands the rest to its own listener.

let server: http.Server;
let port: number;

beforeAll(async () => {
  server = http.createServer((_request, response) => response.end("served"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  refuseUnservedMethods();
  refuseUnservedMethods();
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function send(method: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, method, path: "/api/v1/notifications" }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body }));
    });
    request.on("error", reject);
    request.end();
  });
}

describe("a server in a process that installed the refusal", () => {
  it.each(["TRACE", "PROPFIND", "MKCOL", "PURGE"])(
    "answers %s with a 405 problem naming the methods it serves",
    async (method) => {
      const answer = await send(method);
      expect(answer.status).toBe(405);
      expect(answer.headers.allow).toBe("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
      expect(answer.headers["content-type"]).toBe("application/problem+json");
      expect(JSON.parse(answer.body)).toMatchObject({ status: 405, title: "Method not allowed" });
    },
  );

  it.each(["GET", "POST", "DELETE", "OPTIONS"])("hands %s to the server's own listener", async (method) => {
    expect(await send(method)).toMatchObject({ status: 200, body: "served" });
  });
});
