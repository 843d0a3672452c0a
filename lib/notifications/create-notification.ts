import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  deliveries,
  documents,
  notifications,
  teams,
  type Delivery,
  type NewDelivery,
  type NewNotification,
  type StoredRecipient,
} from "@/db/schema";
import type { FieldError } from "@/lib/api/errors";
import { fieldValidationError } from "@/lib/api/problem";
import { actorOf } from "@/lib/auth/actor";
import { enqueueDeliverySends } from "@/lib/delivery/queue";
import type { Caller } from "@/lib/auth/caller";
import { recordNotificationEvent } from "@/lib/realtime/record-event";
import { findCategory } from "@/lib/rules/categories";
import { rememberSetForDigests } from "@/lib/rules/digest-items";
import { addPreferredCopiesForSet } from "@/lib/rules/preferred-copies";
import type { CreateNotificationBody } from "./contract/create-notification-body";
import type { NotificationResponse } from "./contract/responses";
import type { Recipient } from "./contract/recipient";
import { isPersonRecipient } from "./contract/recipient";
import { checkAddressedPerson, directoryChannels, type AddressedPerson } from "./directory-recipient";
import { storedFollowOnUrl } from "./follow-on-link";
import { audiencePairsOf, audiencePairsOfNotifications, fanOut, type Audience } from "./fan-out";
import { addResidentDeliveries, type UnreachableResident } from "./residents";
import { toNotificationResponse } from "./to-response";

export type CreatedNotification = {
  notification: NotificationResponse;
  /** Everyone given an inbox copy (fan-out). */
  recipientUserIds: string[];
  /** The person addressed by id, whether or not they keep an inbox copy: the caps count them too. */
  addressedUserIds: string[];
  /** The person addressed by userId or personId, with both their ids. */
  person: AddressedPerson | null;
};

export type CreateNotificationOptions = {
  /**
   * What the pipeline's checkAddressedPerson found in this transaction: the person addressed by id,
   * or null for any other recipient. Undefined: not checked yet, so the create checks.
   */
  person?: AddressedPerson | null;
  /** The people a recipients list names by id, as checkAddressedPerson found them (`listed`). */
  listed?: AddressedPerson[];
  /** Made by POST /api/v1/sms: a text whose whole content is its message. */
  freeTextSms?: boolean;
};

/**
 * Stores a notification, one receipt per person who should see it (set-based, so a team of
 * thousands is one statement) and one delivery per channel, in the caller's transaction.
 */
export async function createNotification(
  tx: Database,
  caller: Caller,
  body: CreateNotificationBody,
  options: CreateNotificationOptions = {},
): Promise<CreatedNotification> {
  const requested = requestedRecipientOf(body);
  // A person is checked first (the notification row references them); a team only if fan-out finds nobody.
  const person = isPersonRecipient(requested) ? (options.person ?? (await addressedPersonOrThrow(tx, body))) : null;
  const recipient: Audience | undefined = person ? { userId: person.userId } : (requested as Audience | undefined);
  if (requested && "residentsOf" in requested && options.person === undefined) await assertAddressable(tx, body);
  const listed = body.recipients ? (options.listed ?? (await listedPeopleOrThrow(tx, body))) : [];

  const values = notificationValuesOf(caller, body, person, options.freeTextSms ?? false, listed);
  const sendAt = values.sendAt ?? null;
  const [notification] = await tx.insert(notifications).values(values).returning();
  if (!notification) throw new Error("insert returned no notification");

  // Fan-out, preferred copies and digest items read the same (notification_id, user_id) pairs; a
  // list's from the stored row, as a set create reads them.
  const audience = body.recipients
    ? audiencePairsOfNotifications([notification.id])
    : recipient
      ? audiencePairsOf(notification.id, recipient)
      : undefined;
  const recipientUserIds = audience ? (await fanOut(tx, audience)).map((reached) => reached.userId) : [];
  // Checked only when nobody was found, to spare every create a round trip; the throw rolls back the insert.
  if (recipient && "team" in recipient && recipientUserIds.length === 0) await assertTeamExists(tx, recipient.team);

  const deliveryStatus = deliveryStatusOf(sendAt);
  let channelDeliveries: Delivery[] = [];
  let unreachable: UnreachableResident[] | undefined;
  if (recipient && "residentsOf" in recipient) {
    const residents = await addResidentDeliveries(tx, notification, body, {
      propertyId: recipient.residentsOf.propertyId,
      status: deliveryStatus,
    });
    unreachable = residents.unreachable;
    // By notification rather than by id: a large block's ids would not fit one statement's parameters.
    if (residents.deliveryIds.length > 0)
      channelDeliveries = await tx.select().from(deliveries).where(eq(deliveries.notificationId, notification.id));
  } else if (body.channels.length > 0) {
    channelDeliveries = await tx
      .insert(deliveries)
      .values(channelDeliveryValues(notification.id, body, person, deliveryStatus, listed))
      .returning();
  }
  const emailDeliveries = channelDeliveries.filter((delivery) => delivery.channel === "email");
  if (body.attachment && emailDeliveries.length > 0) {
    const documentId = await storeEmailAttachment(tx, notification.id, body.attachment);
    await tx
      .update(deliveries)
      .set({ documentId })
      .where(and(eq(deliveries.notificationId, notification.id), eq(deliveries.channel, "email")));
    for (const delivery of emailDeliveries) delivery.documentId = documentId;
  }
  // People who chose email or text for this category get their own copy too. Those copies are
  // each person's own business: they show in the outbox, not among the notification's deliveries.
  const preferredCopies = audience
    ? await addPreferredCopiesForSet(tx, [{ notification, status: deliveryStatus }], audience)
    : [];
  if (audience) await rememberSetForDigests(tx, [notification], audience);
  const toSend = [...channelDeliveries, ...preferredCopies].map((delivery) => delivery.id);
  if (toSend.length > 0)
    await enqueueDeliverySends(
      tx,
      toSend.map((id) => ({ id, sendAt })),
    );
  await recordNotificationEvent(tx, { type: "notification.created", notificationId: notification.id });
  const response = toNotificationResponse(notification, { readAt: null, archivedAt: null }, channelDeliveries);
  const addressedUserIds = addressedUserIdsOf(person, listed, channelDeliveries);
  return {
    notification: unreachable ? { ...response, unreachable } : response,
    recipientUserIds,
    addressedUserIds,
    person,
  };
}

/** The people addressed by id, whether or not they keep an inbox copy (a property's residents: those written to). */
export function addressedUserIdsOf(
  person: AddressedPerson | null,
  listed: AddressedPerson[],
  channelDeliveries: Delivery[],
): string[] {
  if (person) return [person.userId];
  if (listed.length > 0) return listed.map(({ userId }) => userId);
  return channelDeliveries.flatMap((delivery) => delivery.userId ?? []);
}

/** Who a body is for: its recipient, or its category's audience when it names none. */
export function requestedRecipientOf(body: CreateNotificationBody): Recipient | undefined {
  const category = body.category ? findCategory(body.category) : undefined;
  if (body.recipients) return undefined;
  return body.recipient ?? (category && category.audience !== "addressee" ? category.audience : undefined);
}

/** The notification row a body makes, for `person` (or a list's `listed` people) as checked in the directory. */
export function notificationValuesOf(
  caller: Caller,
  body: CreateNotificationBody,
  person: AddressedPerson | null,
  freeTextSms: boolean,
  listed: AddressedPerson[] = [],
): NewNotification {
  const requested = requestedRecipientOf(body);
  const recipient: Audience | undefined = person ? { userId: person.userId } : (requested as Audience | undefined);
  const actor = actorOf(caller);
  return {
    notificationType: body.notificationType,
    category: body.category ?? null,
    message: body.message ?? null,
    targetType: body.targetType ?? null,
    targetId: body.targetId ?? null,
    recipientKind: body.recipients ? "list" : requested ? recipientKindOf(requested) : null,
    recipients: body.recipients ? storedRecipientsOf(body.recipients, listed) : null,
    recipientUserId: person?.userId ?? null,
    recipientPersonId: person?.personId ?? null,
    recipientPropertyId: requested && "residentsOf" in requested ? requested.residentsOf.propertyId : null,
    recipientTeam: recipient && "team" in recipient ? recipient.team : null,
    recipientRole: recipient && "role" in recipient ? recipient.role : null,
    userAsGiven: body.user ?? null,
    createdByClientId: actor.clientId,
    createdByUserId: actor.userId,
    requireAction: body.requireAction,
    requireEmailNotification: body.channels.includes("email"),
    requireSmsNotification: body.channels.includes("sms"),
    requireLetter: body.channels.includes("letter"),
    serviceKey: body.serviceKey ?? null,
    templateId: body.templateId ?? null,
    email: body.email ?? null,
    mobileNumber: body.mobileNumber ?? null,
    firstName: body.firstName ?? null,
    lastName: body.lastName ?? null,
    address: body.address ? { lines: body.address } : null,
    personalisation: body.personalisationParams ?? null,
    actionUrl: storedFollowOnUrl(body),
    sendAt: body.sendAt ? new Date(body.sendAt) : null,
    freeTextSms,
  };
}

/** A delivery due later waits as `scheduled`; the queue holds its job until then. */
export function deliveryStatusOf(sendAt: Date | null): "pending" | "scheduled" {
  return sendAt && sendAt.getTime() > Date.now() ? "scheduled" : "pending";
}

/**
 * One delivery per channel the body asks for; a person's go to their details in the directory. A
 * list's: one per channel per person it names by id (each once), read from the directory.
 */
export function channelDeliveryValues(
  notificationId: string,
  body: CreateNotificationBody,
  person: AddressedPerson | null,
  status: "pending" | "scheduled",
  listed: AddressedPerson[] = [],
): NewDelivery[] {
  if (listed.length > 0) {
    return body.channels.flatMap((channel) =>
      listed.map(({ userId }) => ({
        notificationId,
        channel,
        status,
        serviceKey: body.serviceKey!,
        templateId: (body[`${channel}TemplateId`] ?? body.templateId)!,
        userId,
      })),
    );
  }
  const toPerson = person ? directoryChannels(body) : [];
  return body.channels.map((channel) => ({
    notificationId,
    channel,
    status,
    serviceKey: body.serviceKey!,
    templateId: (body[`${channel}TemplateId`] ?? body.templateId)!,
    userId: toPerson.includes(channel) ? person!.userId : null,
  }));
}

function recipientKindOf(recipient: Recipient): NonNullable<NewNotification["recipientKind"]> {
  if ("userId" in recipient) return "user";
  if ("personId" in recipient) return "person";
  if ("residentsOf" in recipient) return "residents";
  if ("team" in recipient) return "team";
  return "role";
}

async function addressedPersonOrThrow(tx: Database, body: CreateNotificationBody): Promise<AddressedPerson> {
  const { person, problems } = await checkAddressedPerson(tx, body);
  if (!person) throw fieldValidationError(problems);
  return person;
}

async function listedPeopleOrThrow(tx: Database, body: CreateNotificationBody): Promise<AddressedPerson[]> {
  const { listed, problems } = await checkAddressedPerson(tx, body);
  if (problems.length > 0) throw fieldValidationError(problems);
  return listed ?? [];
}

/** A list as stored: as named, with the user id each person id resolved to (fan-out reads those). */
function storedRecipientsOf(
  recipients: NonNullable<CreateNotificationBody["recipients"]>,
  listed: AddressedPerson[],
): StoredRecipient[] {
  const byPersonId = new Map(listed.flatMap(({ userId, personId }) => (personId ? [[personId, userId]] : [])));
  return recipients.flatMap((recipient): StoredRecipient[] => {
    // Ids in lower case, as uuid columns answer them whatever case the caller used.
    if ("residentsOf" in recipient) return [];
    if ("userId" in recipient) return [{ userId: recipient.userId.toLowerCase() }];
    if (!("personId" in recipient)) return [recipient];
    const personId = recipient.personId.toLowerCase();
    const userId = byPersonId.get(personId);
    return userId ? [{ personId, userId }] : [];
  });
}

async function assertAddressable(tx: Database, body: CreateNotificationBody): Promise<void> {
  const { problems } = await checkAddressedPerson(tx, body);
  if (problems.length > 0) throw fieldValidationError(problems);
}

/** The file goes into the document store; the worker turns it into Notify's send-a-file upload at send time. */
async function storeEmailAttachment(
  tx: Database,
  notificationId: string,
  attachment: NonNullable<CreateNotificationBody["attachment"]>,
): Promise<string> {
  const content = Buffer.from(attachment.content, "base64");
  const [document] = await tx
    .insert(documents)
    .values({
      notificationId,
      contentType: contentTypeOf(attachment.filename),
      filename: attachment.filename,
      content,
      byteSize: content.length,
      sha256: createHash("sha256").update(content).digest("hex"),
      emailFileOptions: {
        personalisationField: attachment.personalisationField,
        confirmEmailBeforeDownload: attachment.confirmEmailBeforeDownload,
        retentionPeriod: attachment.retentionPeriod,
      },
    })
    .returning({ uid: documents.uid });
  return document!.uid;
}

const contentTypes: Record<string, string> = {
  pdf: "application/pdf",
  csv: "text/csv",
  txt: "text/plain",
  rtf: "application/rtf",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  odt: "application/vnd.oasis.opendocument.text",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
};
const contentTypeOf = (filename: string) =>
  contentTypes[filename.split(".").pop()!.toLowerCase()] ?? "application/octet-stream";

async function assertTeamExists(tx: Database, team: string): Promise<void> {
  const [found] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.key, team));
  if (!found) throw fieldValidationError([unknownTeamProblem(team)]);
}

/** A team that reached nobody and does not exist: the body names a team by mistake. */
export function unknownTeamProblem(team: string): FieldError {
  return { path: "recipient.team", message: `No team called ${team}` };
}
