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

  it("answers anything unknown with a 500 that reveals nothing", async () => {
    const { response, body } = await problemOf(
      new TypeError("Cannot read properties of undefined (reading 'secretThing')"),
    );
    expect(response.status).toBe(500);
    expect(JSON.stringify(body)).not.toContain("secretThing");
    expect(body.detail).toMatch(/correlation id/);
  });
});
