import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { rowsOf } from "@/db/client";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { ApiError } from "./errors";
import {
  afterPosition,
  decodePaginationToken,
  encodePaginationToken,
  keysetPositionSchema,
  pageSizeSchema,
  positionAt,
  readPaginationToken,
  toPage,
  type KeysetPosition,
} from "./pagination";

const positionSchema = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });

describe("pagination tokens", () => {
  it("round-trips a keyset position", () => {
    const position = { createdAt: "2026-11-23T10:00:00.000Z", id: "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0a01" };
    expect(decodePaginationToken(encodePaginationToken(position), positionSchema)).toEqual(position);
  });

  it.each(["not-base64-json", encodePaginationToken({ createdAt: "yesterday" }), encodePaginationToken([1, 2])])(
    "rejects a token it did not issue: %s",
    (token) => {
      expect(() => decodePaginationToken(token, positionSchema)).toThrow(ApiError);
    },
  );
});

describe("keysetPositionSchema", () => {
  const id = "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0a01";
  it.each([
    "2026-11-23 14:05:00.123456+00",
    "2026-11-23 14:05:00+00",
    "2024-02-29 23:59:59.5+05:30",
    "0001-01-01 00:00:00+00",
  ])("accepts Postgres's text of a timestamptz: %s", (at) =>
    expect(keysetPositionSchema.safeParse({ at, id }).success).toBe(true),
  );
  it.each([
    "x",
    "2026-11-23T14:05:00Z",
    "0000-01-01 00:00:00+00",
    "2026-02-30 10:00:00+00",
    "2026-11-23 24:00:00+00",
    "2026-11-23 10:00:00+16",
  ])("refuses what Postgres would not read back: %s", (at) =>
    expect(keysetPositionSchema.safeParse({ at, id }).success).toBe(false),
  );
});

describe("pageSizeSchema", () => {
  it.each([
    [undefined, 10],
    ["1", 1],
    ["100", 100],
  ])("accepts %s as %s", (input, expected) => {
    expect(pageSizeSchema.parse(input)).toBe(expected);
  });

  it.each(["0", "101", "-1", "2.5", "ten", ""])("rejects %j", (input) => {
    expect(pageSizeSchema.safeParse(input).success).toBe(false);
  });
});

describe("toPage", () => {
  const rows = Array.from({ length: 11 }, (_, index) => ({ id: index }));

  it("gives a next token when more rows exist than the page holds", () => {
    const page = toPage(
      rows,
      10,
      (row) => ({ id: row.id }),
      (row) => row.id,
    );
    expect(page.results).toHaveLength(10);
    expect(page.paginationDetails.nextToken).toBe(encodePaginationToken({ id: 9 }));
  });

  it("gives no next token when the page ends exactly on the last record", () => {
    const page = toPage(
      rows.slice(0, 10),
      10,
      (row) => row,
      (row) => row.id,
    );
    expect(page.results).toHaveLength(10);
    expect(page.paginationDetails.nextToken).toBeNull();
  });
});

describe("readPaginationToken", () => {
  it("reads no token as the first page and a token this API issued as its position", () => {
    const position = { at: "2026-11-23 14:05:00.123456+00", id: "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0a01" };
    expect(readPaginationToken(undefined)).toBeUndefined();
    expect(readPaginationToken(encodePaginationToken(position))).toEqual(position);
  });

  it("refuses a position Postgres could not read back with 400, never a database error", () => {
    const token = encodePaginationToken({ at: "2026-02-30 10:00:00+00", id: "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0a01" });
    expect(() => readPaginationToken(token)).toThrow(ApiError);
  });
});

describe("positionAt and afterPosition in PostgreSQL", () => {
  const database = setUpTestDatabase();
  // Four rows in one millisecond, two of them at the same microsecond: a position kept as a
  // JavaScript Date would skip rows here, and the id must break the tie.
  const ids = ["1", "2", "3", "4"].map((digit) => `00000000-0000-4000-8000-00000000000${digit}`);
  const times = ["10:00:00.000001", "10:00:00.000002", "10:00:00.000002", "10:00:00.000003"];
  const table = sql.raw(
    `(values ${ids.map((id, index) => `('${id}'::uuid, '2026-11-23 ${times[index]}+00'::timestamptz)`).join(", ")}) as t(id, created_at)`,
  );
  const columns = { at: sql`created_at`, id: sql`id` };

  async function walk(order: "newest first" | "oldest first"): Promise<string[][]> {
    const direction = sql.raw(order === "newest first" ? "desc" : "asc");
    const pages: string[][] = [];
    let position: KeysetPosition | undefined;
    do {
      const result = await database.handle.db.execute(sql`
        select id, ${positionAt(columns.at)} as at from ${table}
        where ${afterPosition(columns, position, order) ?? sql`true`}
        order by created_at ${direction}, id ${direction} limit 3`);
      const page = toPage(
        rowsOf<{ id: string; at: string }>(result),
        2,
        (row) => row,
        (row) => row,
      );
      pages.push(page.results.map((row) => row.id));
      position = page.paginationDetails.nextToken ? readPaginationToken(page.paginationDetails.nextToken) : undefined;
    } while (position);
    return pages;
  }

  it("pages newest first through rows in one millisecond without skipping or repeating any", async () => {
    expect(await walk("newest first")).toEqual([
      [ids[3], ids[2]],
      [ids[1], ids[0]],
    ]);
  });

  it("pages oldest first when told", async () => {
    expect(await walk("oldest first")).toEqual([
      [ids[0], ids[1]],
      [ids[2], ids[3]],
    ]);
  });

  it("gives the time as Postgres prints it, microseconds kept", async () => {
    const result = await database.handle.db.execute(sql`select ${positionAt(columns.at)} as at from ${table} limit 1`);
    expect(rowsOf<{ at: string }>(result)[0]!.at).toBe("2026-11-23 10:00:00.000001+00");
    expect(afterPosition(columns, undefined)).toBeUndefined();
  });
});
