import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { eq } from "drizzle-orm";
import { apiClients, rules, ruleSteps } from "@/db/schema";
import { createTestDatabase } from "@/db/testing/test-database";
import { claimRuleStep } from "./claim-step";
import { rulesCaller } from "./rules-caller";

let handle: DatabaseHandle;
let ruleId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  const [rule] = await handle.db
    .insert(rules)
    .values({ name: "Claim test", kind: "stalled", definition: {} })
    .returning({ id: rules.id });
  ruleId = rule!.id;
});

afterAll(() => handle?.close());

describe("claimRuleStep", () => {
  const key = () => ({ ruleId, subjectType: "notification", subjectId: "n-1", step: "reminder" });

  it("claims a step once, and every later claim of the same key is refused", async () => {
    expect(await claimRuleStep(handle.db, key())).toBe(true);
    expect(await claimRuleStep(handle.db, key())).toBe(false);
    expect(await claimRuleStep(handle.db, { ...key(), step: "escalation" })).toBe(true);
  });

  it("frees the claim when the transaction that took it rolls back", async () => {
    const fresh = { ...key(), subjectId: "n-2" };
    await expect(
      handle.db.transaction(async (tx) => {
        expect(await claimRuleStep(tx, fresh)).toBe(true);
        throw new Error("the step's notification failed");
      }),
    ).rejects.toThrow("failed");
    expect(await claimRuleStep(handle.db, fresh)).toBe(true);
    const rows = await handle.db.select().from(ruleSteps);
    expect(rows.filter((row) => row.subjectId === "n-2")).toHaveLength(1);
  });
});

describe("rulesCaller", () => {
  it("is one revoked client, the same on every call", async () => {
    const first = await rulesCaller(handle.db);
    const second = await rulesCaller(handle.db);
    expect(second).toEqual(first);
    const [row] = await handle.db.select().from(apiClients).where(eq(apiClients.id, first.id));
    expect(row!.revokedAt).not.toBeNull();
    expect(row!.keyHash.startsWith("unusable:")).toBe(true);
  });
});
