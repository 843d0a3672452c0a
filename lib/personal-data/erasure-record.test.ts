import { beforeAll, describe, expect, it } from "vitest";
import { activities } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import type { PersonCaller } from "@/lib/auth/caller";
import { findPersonCaller } from "@/lib/auth/people";
import { createPerson } from "@/lib/directory/save-person";
import { setUpDemoCallers } from "@/lib/testing/demo-callers";
import { erasePerson } from "./erase-person";
import { erasureSourceDomain, findErasureRecord } from "./erasure-record";

// What the admin person page shows after an erasure: when, by whom and how much, read back from the
// erasure's audit entry; nothing for a person never erased, and the first erasure's figures after a repeat.

const database = setUpTestDatabase();
let admin: PersonCaller;

beforeAll(async () => {
  const demo = await setUpDemoCallers(database.handle.db);
  admin = (await findPersonCaller(database.handle.db, demo.people.alex!.id))!;
});

async function addResident(name: string): Promise<string> {
  const { db } = database.handle;
  const body = { name, kind: "resident" as const, email: `${name.replace(" ", ".").toLowerCase()}@resident.example` };
  return (await db.transaction((tx) => createPerson(tx, admin, body))).id;
}

describe("findErasureRecord", () => {
  it("finds nothing for a person who was never erased, nor for an id nobody has", async () => {
    const id = await addResident("Orla Untouched");
    expect(await findErasureRecord(database.handle.db, id)).toBeNull();
    expect(await findErasureRecord(database.handle.db, "00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("reads back when, by whom and how much an erasure erased, and the first erasure's figures after a repeat", async () => {
    const { db } = database.handle;
    const id = await addResident("Piers Erasable");
    const other = await addResident("Quinn Bystander");
    const first = await db.transaction((tx) => erasePerson(tx, admin, id));
    // The person's own "create" entry, rewritten by the erasure, counts among the activities it changed.
    expect(first.counts.activities).toBeGreaterThan(0);

    const record = await findErasureRecord(db, id);
    expect(record).toEqual({ erasedAt: first.erasedAt, erasedBy: admin.name, counts: first.counts });

    const again = await db.transaction((tx) => erasePerson(tx, admin, id));
    expect(again).toMatchObject({ alreadyErased: true, counts: first.counts });
    expect(await findErasureRecord(db, id)).toEqual(record);
    expect(await findErasureRecord(db, other)).toBeNull();
  });

  it("says the figures are unknown, rather than inventing them, when the entry does not hold them", async () => {
    const { db } = database.handle;
    const id = await addResident("Rhea Oddentry");
    const at = new Date("2030-01-02T03:04:05.000Z");
    await db.insert(activities).values({
      targetType: "directoryPerson",
      targetId: id,
      type: "update",
      newData: { note: "written by hand" },
      authorDetails: { fullName: "Someone Else", email: "someone@council.example" },
      sourceDomain: erasureSourceDomain,
      createdAt: at,
    });
    expect(await findErasureRecord(db, id)).toEqual({
      erasedAt: at.toISOString(),
      erasedBy: "Someone Else",
      counts: null,
    });
  });
});
