import { asc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { rules } from "@/db/schema";
import { createTestDatabase } from "@/db/testing/test-database";
import { defaultRules } from "./default-rules";
import { ruleDefinitionSchema } from "./definitions";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

describe("the default rules a new installation starts with", () => {
  it("are the rules the migration inserted, enabled, at version 1", async () => {
    const stored = await handle.db.select().from(rules).orderBy(asc(rules.name));
    const expected = [...defaultRules].sort((a, b) => (a.name < b.name ? -1 : 1));
    expect(stored.map(({ name, kind, definition }) => ({ name, kind, definition }))).toEqual(expected);
    expect(stored.every((rule) => rule.enabled && rule.version === 1 && rule.createdBy === null)).toBe(true);
  });

  it("each pass their kind's schema unchanged", () => {
    for (const rule of defaultRules) {
      const parsed = ruleDefinitionSchema.parse({ kind: rule.kind, definition: rule.definition });
      expect(parsed.definition).toEqual(rule.definition);
    }
  });

  it("cover the issue's seeds: three event rules, escalations for every action-required category, stalled, two reminders", () => {
    const events = defaultRules.filter((rule) => rule.kind === "event").map((rule) => rule.definition);
    expect(events.map((definition) => "match" in definition && definition.match.eventType)).toEqual([
      "TenureCreatedEvent",
      "AssetCreatedEvent",
      "CautionaryAlertCreatedEvent",
    ]);
    expect(defaultRules.filter((rule) => rule.kind === "escalation")).toHaveLength(9);
    expect(defaultRules.filter((rule) => rule.kind === "stalled")).toHaveLength(1);
    expect(defaultRules.filter((rule) => rule.kind === "reminder")).toHaveLength(2);
  });
});
