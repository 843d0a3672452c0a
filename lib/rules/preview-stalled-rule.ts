import type { Database } from "@/db/client";
import type { Rule } from "@/db/schema";
import type { StalledRule } from "./definitions";
import { stalledNotice } from "./engine/create-stalled-notification";
import { countUnclaimedStalls, unclaimedStalls } from "./engine/stalled";
import { dueCutoff } from "./engine/due-cutoff";
import { quietFor } from "./engine/quiet-for";
import { previewItemLimit, type StalledRulePreview } from "./preview-schema";

/**
 * The dry run of a stalled rule: the records stalled now that the rule has not yet told anyone
 * about, by the sweep's own query (unclaimedStalls, quietest first), each with the notice the
 * sweep would make and whom it would go to (stalledNotice: the named owner, else the audience).
 */
export async function previewStalledRule(
  db: Database,
  rule: Rule,
  definition: StalledRule,
  now: Date,
): Promise<StalledRulePreview> {
  const stallRule = { id: rule.id, definition, cutoff: dueCutoff(now, definition.after, definition.timeMode) };
  const records = await unclaimedStalls(db, stallRule, previewItemLimit);
  const total = await countUnclaimedStalls(db, stallRule);
  const items: StalledRulePreview["stalled"]["items"] = [];
  for (const record of records) {
    const quiet = quietFor(record.lastActivityAt, now);
    const { body, sentTo } = await stalledNotice(db, { name: rule.name, definition }, record, quiet);
    items.push({
      targetType: record.targetType,
      targetId: record.targetId,
      lastActivityAt: record.lastActivityAt.toISOString(),
      quietFor: quiet,
      message: body.message ?? "",
      recipient: body.recipient!,
      sentTo,
    });
  }
  return { ruleId: rule.id, kind: "stalled", enabled: rule.enabled, at: now.toISOString(), stalled: { total, items } };
}
