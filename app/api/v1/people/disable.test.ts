import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activities, deliveries, notificationReceipts, users } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { findPersonCaller } from "@/lib/auth/people";
import { sessionCookieFor } from "@/lib/next-bridge/session-cookie";
import { callRoute } from "@/lib/testing/call-route";
import { setUpDemoCallers, type DemoCallers } from "@/lib/testing/demo-callers";
import * as me from "../me/route";
import * as preferences from "../me/preferences/route";
import * as notificationsRoute from "../notifications/route";
import * as person from "./[id]/route";

// Disabling a person (PATCH {disabled: true}): their sessions and API use end at once, team and
// role fan-out and their own email copies leave them out, their history stays; enabling brings them back.

const database = setUpTestDatabase();
let demo: DemoCallers;

beforeAll(async () => {
  demo = await setUpDemoCallers(database.handle.db);
});

const setDisabled = async (id: string, disabled: boolean) =>
  callRoute(person.PATCH, "PATCH", `/api/v1/people/${id}`, {
    headers: await demo.as("alex"),
    params: { id },
    body: { disabled },
  });
const whoAmI = (headers: Record<string, string>) => callRoute(me.GET, "GET", "/api/v1/me", { headers });
const notify = async (body: Record<string, unknown>) =>
  (await callRoute(notificationsRoute.POST, "POST", "/api/v1/notifications", { headers: demo.serviceHeaders, body }))
    .json.id as string;
const receiptHolders = async (notificationId: string) =>
  (
    await database.handle.db
      .select({ userId: notificationReceipts.userId })
      .from(notificationReceipts)
      .where(eq(notificationReceipts.notificationId, notificationId))
  ).map((row) => row.userId);
const copiesFor = async (notificationId: string) =>
  (
    await database.handle.db
      .select({ userId: deliveries.userId })
      .from(deliveries)
      .where(eq(deliveries.notificationId, notificationId))
  ).map((row) => row.userId);

describe("disabling a person", () => {
  it("ends their sessions and API use at once, and leaves them out of every fan-out; their history stays", async () => {
    const fiona = demo.people.fiona!;
    const session = await demo.as("fiona");
    // She wants her own email copy of new properties; the team gets them in the inbox.
    const choices = (await callRoute(preferences.GET, "GET", "/api/v1/me/preferences", { headers: session })).json;
    await callRoute(preferences.PUT, "PUT", "/api/v1/me/preferences", {
      headers: session,
      body: {
        mobileNumber: null,
        categories: choices.categories.map((choice: { category: string }) =>
          choice.category === "newProperty" ? { ...choice, email: "immediate" } : choice,
        ),
      },
    });
    const toTeam = { notificationType: "Screen", message: "For finance", recipient: { team: "finance" } };
    const before = await notify(toTeam);
    const copyBefore = await notify({ notificationType: "Screen", category: "newProperty", message: "New property" });
    expect(await receiptHolders(before)).toContain(fiona.id);
    expect(await copiesFor(copyBefore)).toEqual([fiona.id]);

    const { status, json } = await setDisabled(fiona.id, true);
    expect(status).toBe(200);
    expect(json).toMatchObject({ disabled: true, disabledAt: expect.any(String) });
    const [stored] = await database.handle.db.select().from(users).where(eq(users.id, fiona.id));
    expect(stored!.sessionVersion).toBe(1);

    expect((await whoAmI(session)).status).toBe(401);
    expect(await findPersonCaller(database.handle.db, fiona.id)).toBeNull();
    expect(await findPersonCaller(database.handle.db, { userId: fiona.id, sessionVersion: 1 })).toBeNull();

    const byTeam = await notify(toTeam);
    const byRole = await notify({ ...toTeam, recipient: { role: "finance-officer" } });
    const copyAfter = await notify({ notificationType: "Screen", category: "newProperty", message: "Another" });
    expect(await receiptHolders(byTeam)).not.toContain(fiona.id);
    expect(await receiptHolders(byTeam)).toContain(demo.people.farid!.id);
    expect(await receiptHolders(byRole)).toEqual([demo.people.farid!.id]);
    expect(await copiesFor(copyAfter)).toEqual([]);
    const direct = await callRoute(notificationsRoute.POST, "POST", "/api/v1/notifications", {
      headers: demo.serviceHeaders,
      body: { ...toTeam, recipient: { userId: fiona.id } },
    });
    expect(direct.json.errors).toEqual([{ path: "recipient.userId", message: "Fiona Finch is disabled" }]);

    // Her history stays: the receipt from before, and the audit of the change.
    expect(await receiptHolders(before)).toContain(fiona.id);
    const audit = await database.handle.db
      .select()
      .from(activities)
      .where(and(eq(activities.targetType, "directoryPerson"), eq(activities.targetId, fiona.id)));
    expect(audit).toMatchObject([{ type: "update", oldData: { disabled: false }, newData: { disabled: true } }]);
  });

  it("can be undone: a new sign-in works, sessions from before the disable stay ended", async () => {
    const fiona = demo.people.fiona!;
    const { json } = await setDisabled(fiona.id, false);
    expect(json).toMatchObject({ disabled: false, disabledAt: null });
    expect((await whoAmI({ cookie: await sessionCookieFor(fiona.id) })).status).toBe(401);
    expect((await whoAmI({ cookie: await sessionCookieFor(fiona.id, undefined, 1) })).status).toBe(200);
    const byTeam = await notify({ notificationType: "Screen", message: "Back", recipient: { team: "finance" } });
    expect(await receiptHolders(byTeam)).toContain(fiona.id);
  });

  it("does not let administrators disable themselves", async () => {
    const { status, json } = await setDisabled(demo.people.alex!.id, true);
    expect(status).toBe(400);
    expect(json.errors[0].path).toBe("disabled");
  });
});
