import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activities, deliveries, documents, notificationActions, users } from "@/db/schema";
import { rowsOf } from "@/db/client";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { sessionCookieFor } from "@/lib/next-bridge/session-cookie";
import { erasureSourceDomain } from "@/lib/personal-data/erase-person";
import { callRoute } from "@/lib/testing/call-route";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";
import { emailNotificationBody, postNotification } from "@/lib/testing/notification-requests";
import * as notificationRoute from "../notifications/[id]/route";
import * as erasure from "./[id]/erasure/route";
import * as onePerson from "./[id]/route";
import * as people from "./route";

// Erasure: afterwards no text, JSON or array column of any table in the schema (nor a document's
// bytes) holds the person's name, email or mobile number; an audit entry says who erased how much.

const database = setUpTestDatabase();
let demo: DemoCallers;

// Each test adds its own person (emails are unique in the directory).
const personNumbered = (n: number) => ({
  name: `Zebedee Quartermaine${"e".repeat(n)}`,
  email: `zebedee.quartermaine${n}@resident.example`,
  mobileNumber: `07700 90045${n}`,
  storedNumber: `44770090045${n}`,
  addressLines: [`Flat ${n}, Quartermaine House`, "12 Lower Clapton Road"],
  postcode: "E5 0PD",
});
type Person = ReturnType<typeof personNumbered>;

beforeAll(async () => {
  demo = await setUpDemoCallers(database.handle.db);
});

const erase = async (id: string, headers?: Record<string, string>) =>
  callRoute(erasure.POST, "POST", `/api/v1/people/${id}/erasure`, {
    headers: headers ?? (await demo.as("alex")),
    params: { id },
  });

/** Every row of every table and view in the schema where a text, JSON or array column contains `needle`. */
async function findEverywhere(needle: string): Promise<string[]> {
  const columns = rowsOf<{ table_name: string; column_name: string }>(
    await database.handle.db.execute(
      sql`select table_name, column_name from information_schema.columns
          where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`,
    ),
  );
  const found: string[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    const rows = rowsOf<{ count: number }>(
      await database.handle.db.execute(
        sql`select count(*)::int as count from ${sql.identifier(table)}
            where ${sql.identifier(column)}::text ilike ${`%${needle}%`}`,
      ),
    );
    if (rows[0]!.count > 0) found.push(`${table}.${column}`);
  }
  const rows = rowsOf<{ count: number }>(
    await database.handle.db.execute(
      sql`select count(*)::int as count from documents where position(convert_to(${needle}, 'UTF8') in content) > 0`,
    ),
  );
  if (rows[0]!.count > 0) found.push("documents.content");
  return found;
}

async function addPersonWithHistory(person: Person) {
  const alex = await demo.as("alex");
  const created = await callRoute(people.POST, "POST", "/api/v1/people", {
    headers: alex,
    body: {
      name: person.name,
      kind: "resident",
      email: person.email,
      mobileNumber: person.mobileNumber,
      addressLines: person.addressLines,
      postcode: person.postcode,
    },
  });
  expect(created.status).toBe(201);
  const id = created.json.id as string;
  // An inbox item to them, which they read (an audit row and an activity authored by them).
  const toThem = await postNotification(demo.serviceHeaders, {
    notificationType: "Screen",
    message: `Dear ${person.name}, your repair is booked`,
    recipient: { userId: id },
    requireAction: false,
  });
  expect(toThem.status).toBe(201);
  const read = await callRoute(notificationRoute.PATCH, "PATCH", `/api/v1/notifications/${toThem.json.id}`, {
    headers: { cookie: await sessionCookieFor(id) },
    params: { id: toThem.json.id },
    body: { actionType: "IsRead" },
  });
  expect(read.status).toBe(200);
  // An item addressed the seed's way, by their email in `user`, which is stored as given.
  const bySeedUser = await postNotification(demo.serviceHeaders, {
    notificationType: "Screen",
    message: "Your visit is due",
    user: person.email.toUpperCase(),
  });
  expect(bySeedUser.status, JSON.stringify(bySeedUser.json)).toBe(201);
  // An email to their address, sent with an Idempotency-Key (its answer is kept for replay).
  const emailed = await postNotification(
    { ...demo.serviceHeaders, "idempotency-key": `erasure-test-${person.email}` },
    emailNotificationBody(person.email),
  );
  expect(emailed.status).toBe(201);
  // A message to a team that mentions them, and an officer's note naming them.
  const aboutThem = await postNotification(demo.serviceHeaders, {
    notificationType: "Screen",
    message: `Please call ${person.name} on ${person.mobileNumber} about the leak`,
    recipient: { team: "finance" },
    requireAction: true,
  });
  expect(aboutThem.status).toBe(201);
  const noted = await callRoute(notificationRoute.PATCH, "PATCH", `/api/v1/notifications/${aboutThem.json.id}`, {
    headers: await demo.as("fiona"),
    params: { id: aboutThem.json.id },
    body: { actionType: "Approved", actionNote: `Spoke to ${person.name.toUpperCase()} (${person.email})` },
  });
  expect(noted.status).toBe(200);
  // A letter to them in the document store, with their name in its bytes.
  const content = Buffer.from(`%PDF-1.4 Letter to ${person.name}, ${person.addressLines[0]}`);
  await database.handle.db.insert(documents).values({
    notificationId: toThem.json.id,
    contentType: "application/pdf",
    filename: `letter-${person.name}.pdf`,
    content,
    byteSize: content.length,
    sha256: createHash("sha256").update(content).digest("hex"),
  });
  return {
    id,
    toThem: toThem.json.id as string,
    aboutThem: aboutThem.json.id as string,
    emailed: emailed.json.id as string,
  };
}

describe("POST /api/v1/people/{id}/erasure", () => {
  it("leaves the person's name, email and number nowhere, keeps the skeleton, and records who erased how much", async () => {
    const person = personNumbered(1);
    const { id, aboutThem, emailed } = await addPersonWithHistory(person);
    for (const needle of [person.name, person.email, person.storedNumber])
      expect(await findEverywhere(needle), needle).not.toEqual([]);

    const { status, json } = await erase(id);
    expect(status).toBe(200);
    expect(json).toMatchObject({ personId: id, alreadyErased: false, erasedAt: expect.any(String) });
    expect(json.counts.notifications).toBeGreaterThanOrEqual(3);
    expect(json.counts.documents).toBe(1);
    expect(json.counts.idempotentResponses).toBe(1);
    // The email to them had not gone yet (no worker runs here): it is cancelled, not sent to nobody.
    expect(json.counts.unsentDeliveriesCancelled).toBe(1);
    const [emailDelivery] = await database.handle.db
      .select()
      .from(deliveries)
      .where(eq(deliveries.notificationId, emailed));
    expect(emailDelivery).toMatchObject({ status: "cancelled", redactedAt: expect.any(Date) });
    expect(json.counts.notificationActions).toBeGreaterThanOrEqual(2);

    for (const needle of [person.name, person.email, person.storedNumber, person.mobileNumber, "07700900456"])
      expect(await findEverywhere(needle), needle).toEqual([]);
    expect(await findEverywhere(person.addressLines[0]!)).toEqual([]);

    const [row] = await database.handle.db.select().from(users).where(eq(users.id, id));
    expect(row).toMatchObject({ name: "[erased]", email: null, mobileNumber: null, addressLines: [], postcode: null });
    expect(row!.erasedAt).not.toBeNull();
    expect(row!.disabledAt).not.toBeNull();
    // Nobody can fill the row in again.
    const refill = await callRoute(onePerson.PATCH, "PATCH", `/api/v1/people/${id}`, {
      headers: await demo.as("alex"),
      params: { id },
      body: { email: person.email, disabled: false },
    });
    expect(refill.status).toBe(409);

    // The skeleton stays: the officer's action on the team item is still theirs, at its time, with its type.
    const [action] = await database.handle.db
      .select()
      .from(notificationActions)
      .where(and(eq(notificationActions.notificationId, aboutThem), eq(notificationActions.actionType, "Approved")));
    expect(action).toMatchObject({ performedBy: "Fiona Finch", performedByUserId: demo.people.fiona!.id });
    expect(action!.actionNote).toBe("Spoke to [erased] ([erased])");

    const [audit] = await database.handle.db
      .select()
      .from(activities)
      .where(and(eq(activities.targetId, id), eq(activities.sourceDomain, erasureSourceDomain)));
    expect(audit).toMatchObject({
      targetType: "directoryPerson",
      authorDetails: { id: demo.people.alex!.id, fullName: "Alex Morgan" },
      newData: { counts: json.counts, erasedAt: json.erasedAt },
    });
  });

  it("answers a second call with the first one's outcome and changes nothing", async () => {
    const { id } = await addPersonWithHistory(personNumbered(2));
    const first = await erase(id);
    const [before] = await database.handle.db.select().from(users).where(eq(users.id, id));
    const second = await erase(id, demo.serviceHeaders);
    expect(second.status).toBe(200);
    expect(second.json).toEqual({ ...first.json, alreadyErased: true });
    const [after] = await database.handle.db.select().from(users).where(eq(users.id, id));
    expect(after).toEqual(before);
    const audits = await database.handle.db
      .select()
      .from(activities)
      .where(and(eq(activities.targetId, id), eq(activities.sourceDomain, erasureSourceDomain)));
    expect(audits).toHaveLength(1);
  });

  it("is a 404 for an unknown id and a 400 for one that is not an id", async () => {
    expect((await erase("7b0c5a38-3d0e-4a63-9a4e-2d5b7f0e9c11")).status).toBe(404);
    expect((await erase("not-an-id")).status).toBe(400);
  });

  it("is refused to a client without directory:manage and to a person who is not an administrator", async () => {
    const rosa = demo.people.rosa!;
    const byClient = await erase(rosa.id, demo.otherServiceHeaders);
    expect(byClient.status).toBe(403);
    const byOfficer = await erase(rosa.id, await demo.as("fiona"));
    expect(byOfficer.status).toBe(403);
    const [row] = await database.handle.db.select().from(users).where(eq(users.id, rosa.id));
    expect(row!.erasedAt).toBeNull();
  });
});

describe("the audit trails' erasure guard", () => {
  it("still refuses any other change to activities and notification actions, guard or not", async () => {
    const db = database.handle.db;
    const [entry] = await db.select().from(activities).limit(1);
    await expect(
      db
        .update(activities)
        .set({ newData: { x: "[erased]" } })
        .where(eq(activities.id, entry!.id)),
    ).rejects.toThrow();
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('notification_centre.erase_personal_data', 'on', true)`);
        // Changing who acted is not a redaction.
        await tx
          .update(activities)
          .set({ authorDetails: { ...entry!.authorDetails, id: demo.people.fiona!.id } })
          .where(eq(activities.id, entry!.id));
      }),
    ).rejects.toThrow();
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('notification_centre.erase_personal_data', 'on', true)`);
        await tx.update(activities).set({ type: "delete" }).where(eq(activities.id, entry!.id));
      }),
    ).rejects.toThrow();
    const [action] = await db.select().from(notificationActions).limit(1);
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('notification_centre.erase_personal_data', 'on', true)`);
        await tx
          .update(notificationActions)
          .set({ performedBy: "Someone else" })
          .where(eq(notificationActions.id, action!.id));
      }),
    ).rejects.toThrow();
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('notification_centre.erase_personal_data', 'on', true)`);
        await tx.delete(notificationActions).where(eq(notificationActions.id, action!.id));
      }),
    ).rejects.toThrow();
  });
});
