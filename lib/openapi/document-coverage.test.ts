import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getOpenApiDocument } from "./document";

// The OpenAPI document and the route handlers must describe the same API: every handler a client
// can call is documented with its method, and every documented operation has a handler behind it.

const root = path.resolve(import.meta.dirname, "../..");
const apiFolder = path.join(root, "app/api");
const httpMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

// Handlers deliberately left out of the document: route folder → why.
const undocumentedRoutes: Record<string, string> = {
  "app/api/auth/[...nextauth]":
    "next-auth's own sign-in, callback, session and sign-out: the browser's, not a client's API",
};

/** Every route.ts under app/api, as its folder relative to the project (app/api/v1/notifications/[id]). */
function listRouteFolders(): string[] {
  return fs
    .readdirSync(apiFolder, { recursive: true, encoding: "utf8" })
    .filter((file) => path.basename(file) === "route.ts")
    .map((file) => path.posix.join("app/api", path.dirname(file).split(path.sep).join("/")))
    .sort();
}

/** app/api/v1/notifications/[id] → /api/v1/notifications/{id} */
function toOpenApiPath(folder: string): string {
  return folder.replace(/^app/, "").replace(/\[(\w+)\]/g, "{$1}");
}

async function listHandledOperations(): Promise<string[]> {
  const operations: string[] = [];
  for (const folder of listRouteFolders()) {
    if (folder in undocumentedRoutes) continue;
    const handlers = (await import(path.join(root, folder, "route.ts"))) as Record<string, unknown>;
    for (const method of httpMethods) {
      if (typeof handlers[method] === "function") operations.push(`${method} ${toOpenApiPath(folder)}`);
    }
  }
  return operations.sort();
}

function listDocumentedOperations(): string[] {
  return Object.entries(getOpenApiDocument().paths ?? {})
    .flatMap(([route, item]) =>
      httpMethods.filter((method) => method.toLowerCase() in (item ?? {})).map((method) => `${method} ${route}`),
    )
    .sort();
}

describe("the OpenAPI document against the route handlers under app/api", () => {
  it("finds the handlers it checks, and every exclusion still names a route folder", () => {
    const folders = listRouteFolders();
    expect(folders).toContain("app/api/v1/notifications/[id]");
    expect(folders).toEqual(expect.arrayContaining(Object.keys(undocumentedRoutes)));
  });

  it("documents every handler with its method", async () => {
    const documented = new Set(listDocumentedOperations());
    const undocumented = (await listHandledOperations()).filter((operation) => !documented.has(operation));
    expect(undocumented).toEqual([]);
  });

  it("has a handler for every documented operation", async () => {
    const handled = new Set(await listHandledOperations());
    const withoutHandler = listDocumentedOperations().filter((operation) => !handled.has(operation));
    expect(withoutHandler).toEqual([]);
  });

  it("maps route folders to OpenAPI paths", () => {
    expect(toOpenApiPath("app/api/v1/message-status/[serviceKey]/[notifyId]")).toBe(
      "/api/v1/message-status/{serviceKey}/{notifyId}",
    );
  });
});
