import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const activityTypes = ["create", "update", "delete", "migrate", "end"] as const;
export type ActivityType = (typeof activityTypes)[number];
export const activityTypeEnum = pgEnum("activity_type", activityTypes);

/**
 * The council's Activity History target types, plus work orders, notifications and the directory's
 * own records. A directory change (a person or team added or edited here, by an admin, a client with
 * directory:manage or single sign-on) is about a sign-in account (users.id), not the council's
 * person record, and holds colleagues' contact details: it has types of its own so that covering
 * `person` does not reach it (lib/auth/permissions.ts).
 */
export const activityTargetTypes = [
  "person",
  "asset",
  "tenure",
  "contactDetails",
  "tenureActivity",
  "tenurePerson",
  "personEqualityInformation",
  "housingApplication",
  "process",
  "contract",
  "cautionaryAlert",
  "patchesAndAreas",
  "workOrder",
  "notification",
  // The directory (issue 11): a person's details, roles and teams; who joined, left or manages a team.
  "directoryPerson",
  "directoryTeam",
  // Changes to the centre's rules (issue 12): admins alone read them.
  "rule",
] as const;
export type ActivityTargetType = (typeof activityTargetTypes)[number];
export const activityTargetTypeEnum = pgEnum("activity_target_type", activityTargetTypes);

/** Who recorded an activity: the signed-in person or the API client (lib/auth/actor.ts actorOf). */
export type AuthorDetails = { id?: string; fullName: string; email: string };
/** The person an API client says it acted for: recorded beside the author, never as the author. */
export type OnBehalfOf = { id?: string; fullName: string; email: string };

export const activities = pgTable(
  "activities",
  {
    id: uuid().primaryKey().defaultRandom(),
    targetType: activityTargetTypeEnum().notNull(),
    targetId: uuid().notNull(),
    type: activityTypeEnum().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    oldData: jsonb().$type<Record<string, unknown>>(),
    newData: jsonb().$type<Record<string, unknown>>(),
    authorDetails: jsonb().$type<AuthorDetails>().notNull(),
    onBehalfOf: jsonb().$type<OnBehalfOf>(),
    sourceDomain: text(),
    // Days to keep the record; 0 keeps it. Spelled as the council's API spells it.
    timetoLiveForRecord: integer().notNull().default(0),
    expiresAt: timestamp({ withTimezone: true }),
    // When the row reached the database. A trigger sets it on insert whatever the writer sends, so a
    // back-dated createdAt always shows beside the real time.
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // The history of one record, newest first, paged by (createdAt, id).
    // DESC NULLS FIRST is what `order by … desc` means; drizzle's default DESC NULLS LAST would make
    // Postgres sort every row of the target instead of reading the first page off the index.
    index("activities_target_idx").on(
      table.targetId,
      table.createdAt.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
    // The same history filtered by record type or source domain (GET /api/v1/activityHistory?targetType
    // or ?sourceDomain): one record's rows of that type or domain, newest first, read a page at a time
    // however rare they are among the record's other rows. Both filters at once use one and check the other.
    index("activities_target_type_idx").on(
      table.targetId,
      table.targetType,
      table.createdAt.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
    index("activities_target_source_idx").on(
      table.targetId,
      table.sourceDomain,
      table.createdAt.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
    // Reporting exports walk time ranges; the purge job finds expired rows.
    index("activities_created_idx").on(table.createdAt, table.id),
    index("activities_expires_idx")
      .on(table.expiresAt)
      .where(sql`${table.expiresAt} is not null`),
  ],
);
export type Activity = typeof activities.$inferSelect;
export type NewActivity = typeof activities.$inferInsert;

/**
 * Where each record's history stands, one row per record: when its latest activity happened and
 * whether that activity closed it. Kept in step with `activities` by the same transaction that
 * stores them (lib/activity/track-record-state.ts), so stalled-process rules and the Stalled view
 * read an index range instead of grouping the whole history. A closing activity is one whose
 * event type an enabled stalled rule for that record type names (ProcessClosedEvent…); any later
 * activity reopens the record.
 */
export const ruleTrackedRecords = pgTable(
  "rule_tracked_records",
  {
    targetType: activityTargetTypeEnum().notNull(),
    targetId: uuid().notNull(),
    lastActivityAt: timestamp({ withTimezone: true }).notNull(),
    closedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.targetType, table.targetId] }),
    // Open records of a type, longest quiet first: what the sweep and the Stalled view page through.
    index("rule_tracked_records_open_idx")
      .on(table.targetType, table.lastActivityAt, table.targetId)
      .where(sql`${table.closedAt} is null`),
  ],
);
export type RuleTrackedRecord = typeof ruleTrackedRecords.$inferSelect;
