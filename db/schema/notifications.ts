import { sql } from "drizzle-orm";
import { boolean, index, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { apiClients } from "./auth";
import { roleEnum, users } from "./directory";

export const notificationTypes = ["Screen", "Email", "Text", "Letter"] as const;
export type NotificationType = (typeof notificationTypes)[number];
export const notificationTypeEnum = pgEnum("notification_type", notificationTypes);

/** The seed's action names. IsRead marks read; every other one is an action recorded on the item. */
export const recordableActionTypes = ["Initiated", "Approved", "Validate", "Rejected", "IsRead"] as const;
export type RecordableActionType = (typeof recordableActionTypes)[number];
/**
 * Steps the centre's escalation rules take on an item nobody acted on (lib/rules/engine/escalations.ts).
 * They share the audit trail with people's actions, so the trail tells the whole story, but no caller
 * may record them and they never count as acting on the item.
 */
export const automaticStepTypes = ["Reminded", "Escalated"] as const;
export const actionTypes = [...recordableActionTypes, ...automaticStepTypes] as const;
export type ActionType = (typeof actionTypes)[number];
export const actionTypeEnum = pgEnum("action_type", actionTypes);

// `person` is a person addressed by the council's person id; `residents` everyone living at a property;
// `list` several recipients at once (the `recipients` column).
export const recipientKinds = ["user", "team", "role", "person", "residents", "list"] as const;
export const recipientKindEnum = pgEnum("recipient_kind", recipientKinds);

export type LetterAddress = { lines: string[] };

/**
 * One recipient of a `list` notification as stored: as the caller named it, with the user id a
 * person id resolved to (so fan-out reads whom to reach from the row, see lib/notifications/fan-out.ts).
 */
export type StoredRecipient =
  | { userId: string }
  | { personId: string; userId: string }
  | { team: string }
  | { role: (typeof roleEnum.enumValues)[number] };

export const notifications = pgTable(
  "notifications",
  {
    id: uuid().primaryKey().defaultRandom(),
    notificationType: notificationTypeEnum().notNull(),
    category: text(),
    message: text(),
    // What the notification is about. Free-form, as other services name their own records.
    targetType: text(),
    targetId: text(),
    // Who sees it in the inbox: exactly one of user, team, role, person or residents, or none for a
    // message that only goes out. A person addressed by their council person id has both ids here.
    recipientKind: recipientKindEnum(),
    recipientUserId: uuid().references(() => users.id),
    recipientPersonId: uuid(),
    recipientPropertyId: uuid(),
    recipientTeam: text(),
    recipientRole: roleEnum(),
    // The seed's `user` exactly as the caller gave it (an email address or an id), returned as given;
    // who it resolved to is in recipient_user_id. Personal data: redacted with the contact fields.
    userAsGiven: text(),
    // recipient_kind 'list': everyone named, in the caller's order.
    recipients: jsonb().$type<StoredRecipient[]>(),
    createdByClientId: uuid().references(() => apiClients.id),
    createdByUserId: uuid().references(() => users.id),
    requireAction: boolean().notNull().default(false),
    requireEmailNotification: boolean().notNull().default(false),
    requireSmsNotification: boolean().notNull().default(false),
    requireLetter: boolean().notNull().default(false),
    serviceKey: text(),
    templateId: text(),
    email: text(),
    mobileNumber: text(),
    firstName: text(),
    lastName: text(),
    address: jsonb().$type<LetterAddress>(),
    personalisation: jsonb().$type<Record<string, string | number | boolean>>(),
    actionUrl: text(),
    sendAt: timestamp({ withTimezone: true }),
    // Sent by POST /api/v1/sms: a text whose whole content is `message` (the free-text template).
    freeTextSms: boolean().notNull().default(false),
    // The latest recorded action, kept on the row for lists; the trail is notification_actions.
    performedActionType: actionTypeEnum(),
    actionNote: text(),
    performedActionDoneBy: text(),
    performedActionUserId: uuid(),
    performedActionClientId: uuid(),
    performedActionDate: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp({ withTimezone: true }),
    // Escalation rules (lib/rules/engine/escalations.ts): when the item, still not acted on, was
    // re-announced to its audience, and when, to whom and after how long it was escalated. Kept on the
    // row so every list can say "Escalated to Finance managers …" and the sweeps' partial indexes
    // drop an item once its step is taken.
    remindedAt: timestamp({ withTimezone: true }),
    escalatedAt: timestamp({ withTimezone: true }),
    escalatedTo: text(),
    escalatedAfter: text(),
    // When its personal details (contacts, names, address, personalisation, message) were redacted, by
    // erasure or retention (lib/personal-data); the skeleton (ids, category, times, who acted) stays.
    redactedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    // A client's own list, newest first.
    index("notifications_client_created_idx").on(
      table.createdByClientId,
      table.createdAt.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
    index("notifications_target_idx").on(table.targetId, table.createdAt.desc().nullsFirst()),
    // Retention (lib/personal-data/retention.ts) walks the oldest not yet redacted.
    index("notifications_unredacted_created_idx")
      .on(table.createdAt)
      .where(sql`${table.redactedAt} is null`),
    // A client's "action required" list and count: the open items only, however many it created.
    index("notifications_client_open_action_idx")
      .on(table.createdByClientId, table.createdAt.desc().nullsFirst(), table.id.desc().nullsFirst())
      .where(sql`${table.requireAction} and ${table.performedActionType} is null and ${table.deletedAt} is null`),
    // A client's own free-text texts (GET /api/v1/sms), newest first.
    index("notifications_client_sms_idx")
      .on(table.createdByClientId, table.createdAt.desc().nullsFirst(), table.id.desc().nullsFirst())
      .where(sql`${table.freeTextSms}`),
    // Escalation sweeps: per category, the oldest open action-required items not yet reminded, or
    // not yet escalated. Only open items are in them, so "nothing due" is one short index probe.
    index("notifications_reminder_due_idx")
      .on(table.category, table.createdAt)
      .where(
        sql`${table.requireAction} and ${table.performedActionType} is null and ${table.deletedAt} is null and ${table.remindedAt} is null and ${table.escalatedAt} is null`,
      ),
    // The operations view counts the rules' escalations and reminders of the last week.
    index("notifications_escalated_at_idx")
      .on(table.escalatedAt)
      .where(sql`${table.escalatedAt} is not null`),
    index("notifications_reminded_at_idx")
      .on(table.remindedAt)
      .where(sql`${table.remindedAt} is not null`),
    index("notifications_escalation_due_idx")
      .on(table.category, table.createdAt)
      .where(
        sql`${table.requireAction} and ${table.performedActionType} is null and ${table.deletedAt} is null and ${table.escalatedAt} is null`,
      ),
  ],
);
export type Notification = typeof notifications.$inferSelect;
export type NewNotification = typeof notifications.$inferInsert;

/**
 * One row per person who should see a notification: read and archived state are per person.
 * `createdAt` copies the notification's so the inbox pages on this table's own index.
 */
export const notificationReceipts = pgTable(
  "notification_receipts",
  {
    notificationId: uuid()
      .notNull()
      .references(() => notifications.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    actionRequired: boolean().notNull(),
    readAt: timestamp({ withTimezone: true }),
    archivedAt: timestamp({ withTimezone: true }),
    deletedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.notificationId] }),
    index("receipts_inbox_idx")
      .on(table.userId, table.createdAt.desc().nullsFirst(), table.notificationId.desc().nullsFirst())
      .where(sql`${table.deletedAt} is null`),
    // One partial index per tab that can be a small part of a big inbox (a team inbox collects
    // hundreds of thousands of items a year): its list pages newest first and its capped count
    // stops after 100 entries, whatever else the inbox holds. "All" and "Read" use the inbox index.
    index("receipts_unread_idx")
      .on(table.userId, table.createdAt.desc().nullsFirst(), table.notificationId.desc().nullsFirst())
      .where(sql`${table.readAt} is null and ${table.archivedAt} is null and ${table.deletedAt} is null`),
    index("receipts_action_required_idx")
      .on(table.userId, table.createdAt.desc().nullsFirst(), table.notificationId.desc().nullsFirst())
      .where(sql`${table.actionRequired} and ${table.archivedAt} is null and ${table.deletedAt} is null`),
    index("receipts_archived_idx")
      .on(table.userId, table.createdAt.desc().nullsFirst(), table.notificationId.desc().nullsFirst())
      .where(sql`${table.archivedAt} is not null and ${table.deletedAt} is null`),
    index("receipts_notification_idx").on(table.notificationId),
  ],
);
export type NotificationReceipt = typeof notificationReceipts.$inferSelect;

/** The audit trail: append-only, enforced by a trigger (see the migration). */
export const notificationActions = pgTable(
  "notification_actions",
  {
    id: uuid().primaryKey().defaultRandom(),
    notificationId: uuid()
      .notNull()
      .references(() => notifications.id),
    actionType: actionTypeEnum().notNull(),
    actionNote: text(),
    performedBy: text().notNull(),
    performedByUserId: uuid(),
    performedByClientId: uuid(),
    // A service's IsRead for one recipient (PATCH onBehalfOf): whose copy it marked read. Null on a
    // service's IsRead means every recipient's copy; a person's IsRead is always their own.
    onBehalfOfUserId: uuid(),
    performedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("notification_actions_notification_idx").on(table.notificationId, table.performedAt)],
);
export type NotificationAction = typeof notificationActions.$inferSelect;
