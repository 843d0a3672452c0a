import { createHash } from "node:crypto";
import type { Database } from "@/db/client";
import { deliveries, documents, scopes, users, type Scope } from "@/db/schema";
import { demoIds } from "@/db/seed/demo-people";
import { createApiClient, revokeApiClient } from "@/lib/auth/api-clients";
import type { ClientCaller } from "@/lib/auth/caller";
import { resolveCaller } from "@/lib/auth/resolve-caller";
import { createNotification } from "@/lib/notifications/create-notification";
import { createNotificationBodySchema } from "@/lib/notifications/contract/create-notification-body";
import { notifyTemplateIds } from "@/lib/notify-simulator";
import { emailPersonalisation } from "@/lib/notify-simulator/test-support";
import { notifyClientFor } from "@/lib/notify/service-registry";
import { setUpDemoCallers } from "./demo-callers";

// Callers of every kind and records of their own and someone else's, for the authorisation matrix
// (app/api/authorization-matrix.test.ts). Records are made on first use and kept, so a file makes a
// few dozen notifications, not one per cell.

/** The ids a route needs to reach one caller's record: a notification with a document and a sent email, and a text. */
export type MatrixRecords = {
  notificationId: string;
  documentUid: string;
  notifyId: string;
  historyTargetId: string;
  smsId: string;
};

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
  /** The caller's own records (kept), or new ones (for routes that use them up, such as DELETE). */
  ownRecords: (kind: CallerKind, scope: Scope | null, options?: { fresh?: boolean }) => Promise<MatrixRecords>;
  /** Records that are nobody's here: another client's notification, another resident's tenure. */
  othersRecords: (kind: CallerKind) => Promise<MatrixRecords>;
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

  const kept = new Map<string, Promise<MatrixRecords>>();
  const records = (creator: ClientCaller, addressee: string, historyTargetId: string, fresh = false) => {
    const key = `${creator.id}|${addressee}|${historyTargetId}`;
    if (fresh) return createRecords(db, creator, addressee, historyTargetId);
    if (!kept.has(key)) kept.set(key, createRecords(db, creator, addressee, historyTargetId));
    return kept.get(key)!;
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
    ownRecords: (kind, scope, { fresh = false } = {}) => {
      if (typeof kind === "object") {
        const person = demo.people[kind.person]!;
        return records(withScopes, person.id, person.tenureIds[0] ?? demoIds.rosaTenure, fresh);
      }
      const creator = kind === "keyWithoutScope" ? withoutScope.get(scope)!.caller : withScopes;
      return records(creator, outsider!.id, demoIds.rosaTenure, fresh);
    },
    othersRecords: (kind) => {
      const tom = typeof kind === "object" && demo.people[kind.person]!.tenureIds[0] === demoIds.tomTenure;
      return records(stranger, outsider!.id, tom ? demoIds.rosaTenure : demoIds.tomTenure);
    },
  };
}

async function createRecords(
  db: Database,
  creator: ClientCaller,
  addressee: string,
  historyTargetId: string,
): Promise<MatrixRecords> {
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
  const sms = await createFreeTextSms(db, creator, addressee);
  return {
    notificationId: notification.id,
    documentUid: document!.uid,
    notifyId: sent.id,
    historyTargetId,
    smsId: sms,
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
