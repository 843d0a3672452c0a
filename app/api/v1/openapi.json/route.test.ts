import { describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { GET } from "./route";

setUpTestDatabase();

describe("GET /api/v1/openapi.json", () => {
  it("serves an OpenAPI 3.1 document with the routes and the problem schema", async () => {
    const response = await GET(new Request("http://test/api/v1/openapi.json"), { params: Promise.resolve({}) });
    expect(response.status).toBe(200);
    const document = await response.json();
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(["/api/v1/health", "/api/v1/me"]));
    expect(document.components.schemas.Problem.properties).toHaveProperty("errors");
  });
});
