import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { activities, users, type ActivityTargetType } from "@/db/schema";
import type { Caller } from "@/lib/auth/caller";
import { formatDateTime } from "@/lib/format/dates";
import type { StalledRule } from "../definitions";
import { createRuleNotifications } from "./create-rule-notifications";
import { inboxNoticeBody } from "./inbox-notice-body";

export type StalledRecord = { targetType: ActivityTargetType; targetId: string; lastActivityAt: Date };

type StalledRuleFacts = { name: string; definition: StalledRule };

/**
 * The notice a stall makes and whom it goes to: the record's owner when its history names one who
 * can be addressed, else the rule's audience (a team or a role), in the inbox; the category links
 * it to the record's timeline. Reads only, so the sweep and the dry run decide alike.
 */
export async function stalledNotice(tx: Database, rule: StalledRuleFacts, record: StalledRecord, quiet: string) {
  const bodyFor = (recipient: unknown) =>
    inboxNoticeBody({
      category: rule.definition.category,
      recipient,
      targetType: record.targetType,
      targetId: record.targetId,
      message: `No activity on ${record.targetType} ${record.targetId} for ${quiet}, since ${formatDateTime(record.lastActivityAt)} (rule "${rule.name}").`,
    });
  const owner = await namedOwner(tx, record);
  if (owner) return { body: bodyFor({ userId: owner }), sentTo: "the record's owner, named in its history" };
  return { body: bodyFor(rule.definition.audience), sentTo: "the rule's audience" };
}

/** The stalled notice, made through the create pipeline inside the sweep's transaction, with the step's claim. */
export async function createStalledNotification(
  tx: Database,
  caller: Caller,
  rule: StalledRuleFacts,
  record: StalledRecord,
  quiet: string,
) {
  const { body } = await stalledNotice(tx, rule, record, quiet);
  const [created] = await createRuleNotifications(tx, caller, [body]);
  return created!;
}

const ownerIdSchema = z.uuid();

/**
 * The owner the council's data names: `ownerUserId` (a directory user id) in the newData of the
 * record's latest activity that sets one. Only an active member of staff counts; anyone else, an
 * unknown id or a disabled person leaves the notice with the rule's audience. That is all the
 * pipeline's directory check asks of an inbox-only notice (no channel needs a contact detail), so
 * the owner is looked up once here and once by the pipeline in the create's transaction.
 */
async function namedOwner(tx: Database, record: StalledRecord): Promise<string | null> {
  const [latest] = await tx
    .select({ owner: sql<unknown>`${activities.newData}->'ownerUserId'` })
    .from(activities)
    .where(
      and(
        eq(activities.targetId, record.targetId),
        eq(activities.targetType, record.targetType),
        sql`${activities.newData} ? 'ownerUserId'`,
      ),
    )
    .orderBy(desc(activities.createdAt), desc(activities.id))
    .limit(1);
  const parsed = ownerIdSchema.safeParse(latest?.owner);
  if (!parsed.success) return null;
  const [staff] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, parsed.data), eq(users.kind, "staff"), isNull(users.disabledAt)));
  return staff?.id ?? null;
}
