import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError } from "./errors";
import {
  decodePaginationToken,
  encodePaginationToken,
  keysetPositionSchema,
  pageSizeSchema,
  toPage,
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
