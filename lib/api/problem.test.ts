import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError } from "./errors";
import { toProblemResponse } from "./problem";

const context = { correlationId: "corr-1", instance: "/api/v1/things" };

async function problemOf(error: unknown) {
  const response = toProblemResponse(error, context);
  return { response, body: await response.json() };
}

describe("toProblemResponse", () => {
  it("answers an ApiError with its status as application/problem+json", async () => {
    const { response, body } = await problemOf(new ApiError("not_found", "No such notification"));
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("x-correlation-id")).toBe("corr-1");
    expect(body).toEqual({
      type: "/api/docs#problem-not-found",
      title: "Not found",
      status: 404,
      detail: "No such notification",
      instance: "/api/v1/things",
      correlationId: "corr-1",
    });
  });

  it("lists every failing field of a zod error as a 400", async () => {
    const schema = z.object({ email: z.email(), address: z.object({ postcode: z.string() }) });
    const result = schema.safeParse({ email: "nope", address: {} });
    const { response, body } = await problemOf(result.error);
    expect(response.status).toBe(400);
    expect(body.errors.map((error: { path: string }) => error.path)).toEqual(["email", "address.postcode"]);
    expect(body.detail).toContain("email, address.postcode");
  });

  it("passes extra headers such as Retry-After", async () => {
    const { response } = await problemOf(
      new ApiError("rate_limited", "Slow down", { headers: { "retry-after": "30" } }),
    );
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("30");
  });

  it("turns a unique violation from the database into 409", async () => {
    const driverError = Object.assign(new Error("duplicate key value violates unique constraint"), { code: "23505" });
    const { response } = await problemOf(new Error("Failed query", { cause: driverError }));
    expect(response.status).toBe(409);
  });

  const coded = (code: string) => Object.assign(new Error(`driver said ${code}`), { code });
  it.each([
    ["a refused connection", coded("ECONNREFUSED")],
    ["a refused connection to every address", new AggregateError([coded("ECONNREFUSED")], "connect failed")],
    ["postgres.js giving up connecting", coded("CONNECT_TIMEOUT")],
    ["a connection closed under a query", coded("CONNECTION_CLOSED")],
    ["a server shutting down (57P01)", coded("57P01")],
    ["a server starting up (57P03)", coded("57P03")],
    ["a server out of connections (53300)", coded("53300")],
    ["a connection failure (08006)", coded("08006")],
    ["a pool with no free connection", coded("DATABASE_BUSY")],
  ])("answers %s, however drizzle wraps it, with 503 and Retry-After", async (_, driverError) => {
    const { response, body } = await problemOf(new Error("Failed query", { cause: driverError }));
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(JSON.stringify(body)).not.toContain("driver said");
  });

  it("answers anything unknown with a 500 that reveals nothing", async () => {
    const { response, body } = await problemOf(
      new TypeError("Cannot read properties of undefined (reading 'secretThing')"),
    );
    expect(response.status).toBe(500);
    expect(JSON.stringify(body)).not.toContain("secretThing");
    expect(body.detail).toMatch(/correlation id/);
  });
});
