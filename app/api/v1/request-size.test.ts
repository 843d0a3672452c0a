import { describe, expect, it } from "vitest";
import { maxImportBytes } from "@/lib/directory/import/import-people";
import { chunkedUpload, streamedRequest } from "@/lib/testing/chunked-upload";
import { bodyKindOf, setUpWriteRoutes, urlFor } from "@/lib/testing/write-routes";

// Issue 10, finding 7: a body sent chunked (no Content-Length) was read whole before its size was
// checked; a resident buffered 40 MB on PUT /api/v1/me/preferences. Every route that reads a body
// must stop at its limit (the largest is the people import's 20 MB) and answer 413.

const fixture = setUpWriteRoutes();
const uploadBytes = 40 * 1024 * 1024;
const largestLimit = maxImportBytes + 64 * 1024;
const slack = 1024 * 1024;

describe("a 40 MB body sent chunked", () => {
  it("is cut off near the limit with a 413 by every route that reads a body", async () => {
    const reading = fixture.routes.filter((route) => bodyKindOf(route) !== "none");
    expect(reading.map((route) => route.key)).toContain("PUT /api/v1/me/preferences");
    expect(reading.map((route) => route.key)).toContain("POST /api/v1/notifications/batch");
    const outcomes: Record<string, { status: number; stoppedNearLimit: boolean }> = {};
    for (const route of reading) {
      const upload = chunkedUpload(uploadBytes);
      const { url, params } = urlFor(route);
      const contentType = bodyKindOf(route) === "csv" ? "text/csv" : "application/json";
      const request = streamedRequest(
        url,
        { method: route.method, headers: { ...fixture.headersFor(route), "content-type": contentType } },
        upload.stream,
      );
      const response = await route.handler(request, { params: Promise.resolve(params) });
      expect(response.headers.get("content-type"), route.key).toContain("application/problem+json");
      await response.body?.cancel();
      // A chunk or two past the limit is read before the count passes it; the whole 40 MB is not.
      outcomes[route.key] = { status: response.status, stoppedNearLimit: upload.pulledBytes() < largestLimit + slack };
    }
    expect(outcomes).toEqual(
      Object.fromEntries(reading.map((route) => [route.key, { status: 413, stoppedNearLimit: true }])),
    );
  });
});
