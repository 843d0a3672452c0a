import { createHash, randomUUID } from "node:crypto";
import { desc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  activities,
  deliveries,
  documents,
  scopes,
  subscriptionMessages,
  subscriptions,
  users,
  visits,
  type Role,
  type Scope,
} from "@/db/schema";
import { demoWorkOrderId } from "@/db/seed/demo-history";
import { demoIds } from "@/db/seed/demo-people";
import { recordActivities } from "@/lib/activity/record-activity";
import { createApiClient, revokeApiClient } from "@/lib/auth/api-clients";
import type { ClientCaller } from "@/lib/auth/caller";
import { resolveCaller } from "@/lib/auth/resolve-caller";
import { createNotification } from "@/lib/notifications/create-notification";
import { createNotificationBodySchema } from "@/lib/notifications/contract/create-notification-body";
import { notifyTemplateIds } from "@/lib/notify-simulator";
import { emailPersonalisation } from "@/lib/notify-simulator/test-support";
import { notifyClientFor } from "@/lib/notify/service-registry";
import { encryptSecret, getWebhookSecretsKey } from "@/lib/subscriptions/secret-box";
import { generateSigningSecret } from "@/lib/subscriptions/signing";
import { setUpDemoCallers } from "./demo-callers";

// Callers of every kind and records of their own and someone else's, for the authorisation matrix
// (app/api/authorization-matrix.test.ts). Records are made on first use and kept, so a file makes a
// few dozen notifications, not one per cell.

/**
 * The ids a route needs to reach one caller's record: a notification (with a document, a sent email
 * and a line of history) and a record whose activity history is read.
 */
export type MatrixRecords = {
  notificationId: string;
  documentUid: string;
  notifyId: string;
  historyTargetId: string;
  // The latest activity in that record's history (GET /api/v1/activityHistory/{id}).
  historyActivityId: string;
  // A text as POST /api/v1/sms stores it.
  smsId: string;
  // A booked visit to Rosa by Carl the contractor, who reads it as its officer though his role does not read visits.
  visitId: string;
  // A webhook subscription of the creating client's (API clients alone have subscriptions).
  subscriptionId: string;
  // A failed message of that subscription's, as delivery leaves it: read and replayed by its client.
  subscriptionMessageId: string;
};

/**
 * Which record of the caller's a matrix row means (its `record` column): `own` and `others` for
 * every route; `uncovered`, `notification-own` and `notification-others` for activity history.
 */
export const matrixRecordKinds = ["", "own", "others", "uncovered", "notification-own", "notification-others"] as const;
export type MatrixRecordKind = (typeof matrixRecordKinds)[number];

// Whose history each caller reads by record type (lib/auth/permissions.ts historyCoverage): roles
// whose work covers tenancies read tenures; the rest (repairs, DLO, RCC, the contractor) work orders.
const tenancyRoles = new Set<Role>(["finance-officer", "finance-manager", "housing-officer", "admin"]);

/** The kinds of caller that are not a demo person, in the matrix's column order. */
export const callerKinds = [
  "none",
  "malformed",
  "unknownKey",
  "revokedKey",
  "keyWithoutScope",
  "keyWithScopes",
] as const;
export type CallerKind = (typeof callerKinds)[number] | { person: string };

/** A matrix column as a caller: a kind above, or a demo person by first name. */
export function callerKindOf(column: string): CallerKind {
  return callerKinds.find((kind) => kind === column) ?? { person: column };
}

export type AuthorizationFixtures = {
  /** The first names of the seeded demo people, e.g. fiona, rosa. */
  people: string[];
  /** Request headers for a caller; `scope` is what the route needs (for "keyWithoutScope"). */
  headersFor: (kind: CallerKind, scope: Scope | null) => Promise<Record<string, string>>;
  /**
   * The records a row means for this caller (kept, or new ones for routes that use them up, such as DELETE):
   * - own: a notification addressed to the person or created by the client; a record whose history they
   *   read (a resident's own tenure; for staff a record of a type their work covers; for clients a tenure).
   * - others: another client's notification; another resident's tenure (for residents), another record
   *   of a type their work covers (for staff and clients).
   * - uncovered: a record of a type their work does not cover (a work order for tenancy staff and
   *   residents, a tenure for repairs staff; a work order for admins and clients, who read every type).
   * - notification-own / notification-others: the history of their own or someone else's notification.
   */
  recordsFor: (
    kind: CallerKind,
    record: MatrixRecordKind,
    scope: Scope | null,
    options?: { fresh?: boolean },
  ) => Promise<MatrixRecords>;
};

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

export async function setUpAuthorizationFixtures(db: Database): Promise<AuthorizationFixtures> {
  const demo = await setUpDemoCallers(db);
  const client = async (headers: Record<string, string>) =>
    (await resolveCaller(db, new Headers(headers))) as ClientCaller;
  const withScopes = await client(demo.serviceHeaders);
  const stranger = await client(demo.otherServiceHeaders);
  const revoked = await createApiClient(db, { name: "matrix-revoked", scopes: [...scopes] });
  await revokeApiClient(db, revoked.client.id);
  // For each scope a client holding every other one; for routes that need none, a client with none.
  const withoutScope = new Map<Scope | null, { headers: Record<string, string>; caller: ClientCaller }>();
  for (const missing of [...scopes, null]) {
    const { key } = await createApiClient(db, {
      name: `matrix-without-${missing?.replace(":", "-") ?? "any-scope"}`,
      scopes: missing ? scopes.filter((scope) => scope !== missing) : [],
    });
    withoutScope.set(missing, { headers: bearer(key), caller: await client(bearer(key)) });
  }
  const [outsider] = await db
    .insert(users)
    .values({ name: "Olive Outsider", email: "olive.outsider@council.example", roles: ["housing-officer"] })
    .returning();

  // A second work order with history, so repairs staff have "another record" of a type they cover.
  const otherWorkOrder = randomUUID();
  await recordActivities(db, withScopes, [{ targetType: "workOrder", targetId: otherWorkOrder, type: "create" }]);

  const visitPeople: VisitPeople = { residentUserId: demo.people.rosa!.id, officerUserId: demo.people.carl!.id };
  const kept = new Map<string, Promise<NotificationRecords>>();
  const notificationRecords = (creator: ClientCaller, addressee: string, fresh = false) => {
    const key = `${creator.id}|${addressee}`;
    if (fresh) return createRecords(db, creator, addressee, visitPeople);
    if (!kept.has(key)) kept.set(key, createRecords(db, creator, addressee, visitPeople));
    return kept.get(key)!;
  };
  /** The history targets of the caller: own, another of the same kind, and one their work does not cover. */
  const historyTargets = (kind: CallerKind) => {
    const person = typeof kind === "object" ? demo.people[kind.person]! : null;
    const tenureId = person?.tenureIds[0];
    if (tenureId) {
      const others = tenureId === demoIds.tomTenure ? demoIds.rosaTenure : demoIds.tomTenure;
      return { own: tenureId, others, uncovered: demoWorkOrderId };
    }
    if (person && !person.roles.some((role) => tenancyRoles.has(role)))
      return { own: demoWorkOrderId, others: otherWorkOrder, uncovered: demoIds.rosaTenure };
    return { own: demoIds.rosaTenure, others: demoIds.tomTenure, uncovered: demoWorkOrderId };
  };

  return {
    people: Object.keys(demo.people),
    headersFor: async (kind, scope) => {
      if (typeof kind === "object") return demo.as(kind.person);
      if (kind === "none") return {};
      if (kind === "malformed") return { authorization: "Basic dXNlcjpwYXNz" };
      if (kind === "unknownKey") return bearer("nck_matrix-unknown-key-000000000000000000000");
      if (kind === "revokedKey") return bearer(revoked.key);
      if (kind === "keyWithoutScope") return withoutScope.get(scope)!.headers;
      return demo.serviceHeaders;
    },
    recordsFor: async (kind, record, scope, { fresh = false } = {}) => {
      const whose = record === "others" || record === "notification-others" ? "others" : "own";
      let notification: NotificationRecords;
      if (whose === "others") notification = await notificationRecords(stranger, outsider!.id);
      else if (typeof kind === "object")
        notification = await notificationRecords(withScopes, demo.people[kind.person]!.id, fresh);
      else {
        const creator = kind === "keyWithoutScope" ? withoutScope.get(scope)!.caller : withScopes;
        notification = await notificationRecords(creator, outsider!.id, fresh);
      }
      const targets = historyTargets(kind);
      const historyTargetId = record.startsWith("notification-")
        ? notification.notificationId
        : record === "others" || record === "uncovered"
          ? targets[record]
          : targets.own;
      const [latest] = await db
        .select({ id: activities.id })
        .from(activities)
        .where(eq(activities.targetId, historyTargetId))
        .orderBy(desc(activities.createdAt))
        .limit(1);
      if (!latest) throw new Error(`The matrix's record ${historyTargetId} has no history`);
      return { ...notification, historyTargetId, historyActivityId: latest.id };
    },
  };
}

type NotificationRecords = Omit<MatrixRecords, "historyTargetId" | "historyActivityId">;

type VisitPeople = { residentUserId: string; officerUserId: string };

async function createRecords(
  db: Database,
  creator: ClientCaller,
  addressee: string,
  visitPeople: VisitPeople,
): Promise<NotificationRecords> {
  const body = createNotificationBodySchema.parse({
    notificationType: "Screen",
    message: `For the authorisation matrix, from ${creator.name}`,
    recipient: { userId: addressee },
  });
  const { notification } = await db.transaction((tx) => createNotification(tx, creator, body));
  const content = Buffer.from(`%PDF-1.4 letter for ${notification.id}`);
  const [document] = await db
    .insert(documents)
    .values({
      notificationId: notification.id,
      contentType: "application/pdf",
      filename: "letter.pdf",
      content,
      byteSize: content.length,
      sha256: createHash("sha256").update(content).digest("hex"),
    })
    .returning();
  const templateId = notifyTemplateIds.email.visitDue!;
  const sent = await (
    await notifyClientFor("housing")
  ).sendEmail(templateId, "matrix@example.com", {
    personalisation: emailPersonalisation,
    reference: notification.id,
  });
  await db.insert(deliveries).values({
    notificationId: notification.id,
    channel: "email",
    serviceKey: "housing",
    templateId,
    status: "created",
    notifyId: sent.id,
  });
  // A decision in its history, which only those who may read the notification may read.
  await recordActivities(db, creator, [
    {
      targetType: "notification",
      targetId: notification.id,
      type: "update",
      newData: { performedActionType: "Approved", performedActionNote: "Checked the figures" },
    },
  ]);
  const smsId = await createFreeTextSms(db, creator, addressee);
  const [visit] = await db
    .insert(visits)
    .values({
      ...visitPeople,
      propertyId: demoIds.rosaProperty,
      startsAt: new Date("2027-03-02T10:00:00Z"),
      endsAt: new Date("2027-03-02T11:00:00Z"),
      kind: "gas safety check",
      createdBy: creator.name,
    })
    .returning({ id: visits.id });
  const subscriptionId = randomUUID();
  await db.insert(subscriptions).values({
    id: subscriptionId,
    clientId: creator.id,
    eventType: "notification.created",
    contactEmails: ["matrix@example.com"],
    expiresOn: "2099-12-31",
    webhookUrl: "https://93.184.215.14/matrix",
    secretCiphertext: encryptSecret(generateSigningSecret(), getWebhookSecretsKey(), subscriptionId),
  });
  const [message] = await db
    .insert(subscriptionMessages)
    .values({
      subscriptionId,
      channel: "webhook",
      eventType: "notification.created",
      eventId: notification.id,
      payload: { type: "notification.created", timestamp: new Date().toISOString(), data: {} },
      status: "fail",
      attemptCount: 1,
    })
    .returning({ id: subscriptionMessages.id });
  return {
    notificationId: notification.id,
    documentUid: document!.uid,
    notifyId: sent.id,
    smsId,
    visitId: visit!.id,
    subscriptionId,
    subscriptionMessageId: message!.id,
  };
}

/** A text as POST /api/v1/sms stores it, to a number given here (the addressee need not have one). */
async function createFreeTextSms(db: Database, creator: ClientCaller, addressee: string): Promise<string> {
  const body = createNotificationBodySchema.parse({
    notificationType: "Text",
    message: "For the authorisation matrix",
    recipient: { userId: addressee },
    mobileNumber: "07700900000",
    serviceKey: "housing",
    templateId: notifyTemplateIds.freeTextSms,
    personalisationParams: { message: "For the authorisation matrix" },
  });
  const { notification } = await db.transaction((tx) => createNotification(tx, creator, body, { freeTextSms: true }));
  return notification.id;
}
