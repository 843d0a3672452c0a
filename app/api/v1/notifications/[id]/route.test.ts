import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { activities, notificationActions } from "@/db/schema";
import { estimateApproval, screenToFinance } from "@/lib/notifications/testing/bodies";
import { errorPaths, idsOf, notificationRoutes } from "@/lib/notifications/testing/notification-routes";
import { setUpNotificationsApi } from "@/lib/notifications/testing/set-up-notifications-api";

// PATCH and DELETE /api/v1/notifications/{id}: recording actions, and soft deletes.

const { database, demo } = setUpNotificationsApi();

const { post, get, list, patch, remove } = notificationRoutes;

describe("PATCH /api/v1/notifications/{id}", () => {
  async function estimateForFinance(message: string) {
    const { json } = await post(demo.serviceHeaders, estimateApproval(message));
    return json.id as string;
  }

  it.each([
    ["Approved without a note", { actionType: "Approved" }, ["actionNote"]],
    ["Rejected without a note", { actionType: "Rejected", actionNote: "  " }, ["actionNote"]],
    ["an unknown action", { actionType: "Archive" }, ["actionType"]],
    ["a note that is too long", { actionType: "Validate", actionNote: "x".repeat(2001) }, ["actionNote"]],
  ])("rejects %s", async (_case, body, paths) => {
    const id = await estimateForFinance(`Validation ${_case}`);
    const { status, json } = await patch(await demo.as("fiona"), id, body);
    expect(status).toBe(400);
    expect(errorPaths(json)).toEqual(paths);
  });

  it("records an approval once for the team: audit row, activity entry, colleagues' lists cleared", async () => {
    const id = await estimateForFinance("Estimate E-2001 needs approval");
    const farid = await demo.as("farid");
    expect(idsOf((await list(farid, { status: "actionRequired" })).json)).toContain(id);

    const { status, json } = await patch(await demo.as("fiona"), id, {
      actionType: "Approved",
      actionNote: "Checked against the contract",
    });
    expect(status).toBe(200);
    expect(json).toMatchObject({
      performedActionType: "Approved",
      actionNote: "Checked against the contract",
      performedActionDoneBy: "Fiona Finch",
      actionRequired: false,
      isRemovable: true,
      isReadStatus: true,
    });
    expect(json.actions).toEqual([
      expect.objectContaining({
        actionType: "Approved",
        actionNote: "Checked against the contract",
        performedBy: "Fiona Finch",
      }),
    ]);

    expect(idsOf((await list(farid, { status: "actionRequired" })).json)).not.toContain(id);
    const seenByColleague = await get(farid, id);
    expect(seenByColleague.json).toMatchObject({ performedActionDoneBy: "Fiona Finch", isReadStatus: false });

    const clash = await patch(farid, id, { actionType: "Rejected", actionNote: "I disagree" });
    expect(clash.status).toBe(409);
    expect(clash.json.detail).toContain("Fiona Finch already recorded Approved");

    const history = await database.handle.db.select().from(activities).where(eq(activities.targetId, id));
    expect(history).toEqual([
      expect.objectContaining({
        targetType: "notification",
        type: "update",
        newData: expect.objectContaining({ performedActionType: "Approved" }),
        authorDetails: expect.objectContaining({ fullName: "Fiona Finch", email: "fiona.finch@council.example" }),
      }),
    ]);
  });

  it("lets the person who claimed an item record the outcome after Initiated", async () => {
    const id = await estimateForFinance("Estimate E-2002");
    const fiona = await demo.as("fiona");
    expect((await patch(fiona, id, { actionType: "Initiated" })).status).toBe(200);
    expect((await patch(await demo.as("grace"), id, { actionType: "Validate" })).status).toBe(409);
    const { json } = await patch(fiona, id, { actionType: "Rejected", actionNote: "Over budget" });
    expect(json.actions.map((action: { actionType: string }) => action.actionType)).toEqual(["Initiated", "Rejected"]);
  });

  it("marks read for the reader only, and never lets a resident approve", async () => {
    const { json: created } = await post(demo.serviceHeaders, {
      notificationType: "Screen",
      message: "Your repair is booked",
      recipient: { userId: demo.people.rosa!.id },
      requireAction: true,
    });
    const rosa = await demo.as("rosa");
    expect((await patch(rosa, created.id, { actionType: "Approved", actionNote: "ok" })).status).toBe(403);
    const { json } = await patch(rosa, created.id, { actionType: "IsRead" });
    expect(json.isReadStatus).toBe(true);
    expect(json.actionRequired).toBe(true);
  });

  it("keeps the audit trail append-only in the database itself", async () => {
    const id = await estimateForFinance("Estimate E-2003");
    await patch(await demo.as("fiona"), id, { actionType: "Validate" });
    const { db } = database.handle;
    await expect(
      db.update(notificationActions).set({ actionNote: "rewritten" }).where(eq(notificationActions.notificationId, id)),
    ).rejects.toThrow();
    await expect(db.delete(notificationActions).where(eq(notificationActions.notificationId, id))).rejects.toThrow();
    expect(await db.select().from(notificationActions).where(eq(notificationActions.notificationId, id))).toHaveLength(
      1,
    );
  });
});

describe("DELETE /api/v1/notifications/{id}", () => {
  it("refuses while an action is required, then soft-deletes and keeps the audit", async () => {
    const { json: created } = await post(demo.serviceHeaders, {
      notificationType: "Screen",
      category: "suspenseAccountTransfer",
      message: "Transfer T-9",
    });
    const fiona = await demo.as("fiona");
    expect((await remove(demo.serviceHeaders, created.id)).status).toBe(409);
    await patch(fiona, created.id, { actionType: "Approved", actionNote: "Matched to rent account" });
    expect((await remove(demo.serviceHeaders, created.id)).status).toBe(204);
    expect((await get(fiona, created.id)).status).toBe(404);
    expect((await get(demo.serviceHeaders, created.id)).status).toBe(404);
    const trail = await database.handle.db
      .select()
      .from(notificationActions)
      .where(eq(notificationActions.notificationId, created.id));
    expect(trail).toHaveLength(1);
  });

  it("is for the creating client and admins; anyone else who can see it is told to archive it", async () => {
    const toFinance = (await post(demo.serviceHeaders, screenToFinance)).json.id as string;
    const refused = await remove(await demo.as("fiona"), toFinance);
    expect(refused.status).toBe(403);
    expect(refused.json.detail).toBe(
      "Only the service that sent a notification, or an administrator, can delete it: archive it to remove it from your inbox",
    );
    const toRosa = await post(demo.serviceHeaders, {
      notificationType: "Screen",
      message: "Your repair is booked",
      recipient: { userId: demo.people.rosa!.id },
    });
    expect((await remove(await demo.as("rosa"), toRosa.json.id)).status).toBe(403);
    expect((await get(demo.serviceHeaders, toRosa.json.id)).status).toBe(200);
    const toAlex = await post(demo.serviceHeaders, {
      notificationType: "Screen",
      message: "Rotate the keys",
      recipient: { userId: demo.people.alex!.id },
    });
    expect((await remove(await demo.as("alex"), toAlex.json.id)).status).toBe(204);
  });

  it("no longer lets a team member claim an item with a note-less Initiated and then delete it", async () => {
    const { json: created } = await post(demo.serviceHeaders, estimateApproval("Estimate E-2004"));
    const fiona = await demo.as("fiona");
    expect((await patch(fiona, created.id, { actionType: "Initiated" })).status).toBe(200);
    expect((await remove(fiona, created.id)).status).toBe(403);
    expect((await get(demo.serviceHeaders, created.id)).status).toBe(200);
    expect((await get(await demo.as("grace"), created.id)).status).toBe(200);
  });

  it("answers 404 for someone else's notification, so ids leak nothing", async () => {
    const { json: created } = await post(demo.serviceHeaders, screenToFinance);
    expect((await remove(demo.otherServiceHeaders, created.id)).status).toBe(404);
    expect((await remove(await demo.as("rob"), created.id)).status).toBe(404);
    expect((await get(demo.serviceHeaders, "not-a-uuid")).status).toBe(400);
  });
});
