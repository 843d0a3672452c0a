import { createHash } from "node:crypto";
import type { Database } from "@/db/client";
import type { StoredResponse } from "@/lib/api/idempotency";
import type { Caller } from "@/lib/auth/caller";
import { submitNotifications } from "../submit-notifications";
import { planColumns } from "./columns";
import { parseBatchCsv } from "./parse-csv";
import { locateInRow, rejectFile, rowInputs, sharedTemplateProblems } from "./row-inputs";
import type { BatchCreated, BatchQuery } from "./schemas";

/**
 * POST /api/v1/notifications/batch: one notification per row, through the same create pipeline as
 * a single one (contract, templates, per-recipient caps, create), so a file is accepted whole or
 * not at all. The Idempotency-Key covers the query and the file's bytes.
 */
export async function submitBatch(
  db: Database,
  caller: Caller,
  query: BatchQuery,
  csv: string,
  idempotencyKey: string | null,
): Promise<StoredResponse & { replayed: boolean }> {
  const { header, rows } = parseBatchCsv(csv);
  const plan = planColumns(query.notificationType, header);
  return submitNotifications(db, caller, {
    inputs: rowInputs(query, plan, rows),
    idempotencyKey,
    idempotentRequest: () => ({ batch: query, sha256: createHash("sha256").update(csv).digest("hex") }),
    locate: (index, error) => locateInRow(rows[index]!, error),
    reject: rejectFile,
    checkSharedTemplate: () => sharedTemplateProblems(query),
    respond: (created) => {
      const ids = created.map(({ notification }) => notification.id);
      const body: BatchCreated = { count: ids.length, ids };
      return { status: 201, body };
    },
  });
}
