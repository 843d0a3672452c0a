import { sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { expect } from "vitest";
import * as receipt from "@/app/api/v1/notifications/[id]/receipt/route";
import * as one from "@/app/api/v1/notifications/[id]/route";
import * as counts from "@/app/api/v1/notifications/counts/route";
import * as collection from "@/app/api/v1/notifications/route";
import type { Database } from "@/db/client";
import {
  activities,
  deliveries,
  idempotencyKeys,
  notificationActions,
  notificationReceipts,
  notifications,
} from "@/db/schema";
import { callRoute } from "@/lib/testing/call-route";

// The notifications API as its tests call it: each route through its real handler, as Next.js
// calls it, with a real Request.

type Headers = Record<string, string>;

export const notificationRoutes = {
  post: (headers: Headers, body: unknown, extra: Headers = {}) =>
    callRoute(collection.POST, "POST", "/api/v1/notifications", { headers: { ...headers, ...extra }, body }),
  list: (headers: Headers, query: Record<string, string> = {}) =>
    callRoute(collection.GET, "GET", "/api/v1/notifications", { headers, query }),
  get: (headers: Headers, id: string) =>
    callRoute(one.GET, "GET", `/api/v1/notifications/${id}`, { headers, params: { id } }),
  patch: (headers: Headers, id: string, body: unknown) =>
    callRoute(one.PATCH, "PATCH", `/api/v1/notifications/${encodeURIComponent(id)}`, {
      headers,
      params: { id },
      body,
    }),
  remove: (headers: Headers, id: string) =>
    callRoute(one.DELETE, "DELETE", `/api/v1/notifications/${id}`, { headers, params: { id } }),
  putReceipt: (headers: Headers, id: string, body: unknown) =>
    callRoute(receipt.PUT, "PUT", `/api/v1/notifications/${id}/receipt`, { headers, params: { id }, body }),
  counts: (headers: Headers) => callRoute(counts.GET, "GET", "/api/v1/notifications/counts", { headers }),
};

/** The paths a problem document's `errors` name, in its order. */
export const errorPaths = (json: { errors: { path: string }[] }) => json.errors.map((error) => error.path);

/** The ids of a list page, in its order. */
export const idsOf = (json: { results: { id: string }[] }) => json.results.map((item) => item.id);

/** How many rows a table holds: tests check that a refusal stored nothing. */
export async function rowCount(db: Database, table: PgTable): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(table);
  return row!.count;
}

const notificationTables = {
  notifications,
  notification_receipts: notificationReceipts,
  deliveries,
  notification_actions: notificationActions,
  activities,
  idempotency_keys: idempotencyKeys,
};

/** The rows of every table a notification request may write, to compare before and after one. */
export async function countNotificationRows(db: Database): Promise<Record<keyof typeof notificationTables, number>> {
  const entries = [];
  for (const [name, table] of Object.entries(notificationTables)) entries.push([name, await rowCount(db, table)]);
  return Object.fromEntries(entries);
}

/** What any refusal must look like: a 4xx problem document, and a 400 names at least one field. */
export function expectProblem(answer: Awaited<ReturnType<typeof callRoute>>) {
  expect(answer.status, JSON.stringify(answer.json)).toBeGreaterThanOrEqual(400);
  expect(answer.status, JSON.stringify(answer.json)).toBeLessThan(500);
  expect(answer.headers.get("content-type")).toBe("application/problem+json");
  if (answer.status === 400) expect(answer.json.errors.length).toBeGreaterThan(0);
}
