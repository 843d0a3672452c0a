import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError } from "./errors";
import { chunkedUpload, streamedRequest } from "@/lib/testing/chunked-upload";
import { correlationIdFor, readJson, readJsonBody, readQuery } from "./request";

const schema = z.object({ name: z.string().min(1), count: z.number().int().optional() });

function post(body: string, contentType: string | null = "application/json") {
  const headers = new Headers();
  if (contentType) headers.set("content-type", contentType);
  return new Request("http://test/api", { method: "POST", body, headers });
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe("readJsonBody", () => {
  it("returns the validated body and drops unknown fields", async () => {
    await expect(readJsonBody(post('{"name":"a","extra":true}'), schema)).resolves.toEqual({ name: "a" });
  });

  it.each([
    ["no content type", post('{"name":"a"}', null), 415],
    ["form content type", post("name=a", "application/x-www-form-urlencoded"), 415],
    ["text content type", post('{"name":"a"}', "text/plain"), 415],
    ["malformed JSON", post('{"name":'), 400],
    ["empty body", post(""), 400],
    ["wrong field type", post('{"name":1}'), 400],
    ["missing field", post("{}"), 400],
    ["an array instead of an object", post("[]"), 400],
    ["too large", post(JSON.stringify({ name: "x".repeat(1_100_000) })), 413],
  ])("rejects %s", async (_case, request, status) => {
    expect((await failure(readJsonBody(request, schema))).status).toBe(status);
  });

  it("accepts a JSON content type with parameters or a +json suffix", async () => {
    await expect(readJsonBody(post('{"name":"a"}', "application/json; charset=utf-8"), schema)).resolves.toEqual({
      name: "a",
    });
    await expect(readJsonBody(post('{"name":"a"}', "application/merge-patch+json"), schema)).resolves.toEqual({
      name: "a",
    });
  });

  it("names every failing field", async () => {
    const error = await failure(readJsonBody(post('{"name":"","count":1.5}'), schema));
    expect(error.errors?.map((fieldError) => fieldError.path)).toEqual(["name", "count"]);
  });
});

describe("readQuery", () => {
  it("validates query parameters", () => {
    const querySchema = z.object({ pageSize: z.coerce.number().int().max(100) });
    expect(readQuery(new Request("http://test/x?pageSize=5"), querySchema)).toEqual({ pageSize: 5 });
    expect(() => readQuery(new Request("http://test/x?pageSize=500"), querySchema)).toThrow(ApiError);
  });
});

describe("correlationIdFor", () => {
  it("echoes a sane caller-supplied id and replaces anything else", () => {
    const withId = (value: string) => new Request("http://test", { headers: { "x-correlation-id": value } });
    expect(correlationIdFor(withId("abc-123"))).toBe("abc-123");
    expect(correlationIdFor(withId("<script>"))).toMatch(/^[0-9a-f-]{36}$/);
    expect(correlationIdFor(new Request("http://test"))).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("readJson with a body sent chunked (no Content-Length)", () => {
  it("stops reading at the limit and answers 413, not after the whole 40 MB", async () => {
    const upload = chunkedUpload(40 * 1024 * 1024);
    const request = streamedRequest(
      "http://test/api",
      { method: "POST", headers: { "content-type": "application/json" } },
      upload.stream,
    );
    expect((await failure(readJson(request, { maxBytes: 1_000_000 }))).status).toBe(413);
    expect(upload.pulledBytes()).toBeLessThan(1_000_000 + 256 * 1024);
  });

  it("reads a body under the limit whole", async () => {
    const upload = chunkedUpload(900_000);
    const request = streamedRequest(
      "http://test/api",
      { method: "POST", headers: { "content-type": "application/json" } },
      upload.stream,
    );
    // 900,000 spaces: whitespace only, so the whole body was read and found to be no JSON.
    expect((await failure(readJson(request, { maxBytes: 1_000_000 }))).status).toBe(400);
    expect(upload.pulledBytes()).toBe(900_000);
  });
});
