import type { Database } from "@/db/client";
import { ApiError, type FieldError } from "@/lib/api/errors";
import type { StoredResponse } from "@/lib/api/idempotency";
import { parseWith } from "@/lib/api/request";
import type { Caller } from "@/lib/auth/caller";
import { submitNotifications } from "../submit-notifications";
import { bulkEnvelopeSchema, type BulkCreated } from "./schemas";

// More than this many item errors are summarised: the caller fixes the request and sends it again.
const maxReportedErrors = 1000;

/** A failing field of item `index` as the request names it: `notifications.3.email`. */
export function locateInBulk(index: number, { path, message }: FieldError): FieldError {
  return { path: path ? `notifications.${index}.${path}` : `notifications.${index}`, message };
}

/** One 400 for the whole request: nothing was created; a very long list is cut short. */
function rejectBulk(errors: FieldError[]): ApiError {
  const reported = errors.slice(0, maxReportedErrors);
  const summary = `${errors.length} problem${errors.length === 1 ? "" : "s"} in the notifications; nothing was created`;
  const cut = errors.length > reported.length ? ` (first ${maxReportedErrors} listed)` : "";
  return new ApiError("bad_request", `${summary}${cut}`, { errors: reported });
}

/**
 * POST /api/v1/notifications/bulk: up to 1,000 notifications through the same create pipeline as
 * one (contract, templates, directory, per-recipient caps, set-based create), all created in one
 * transaction or none. The Idempotency-Key covers the whole request (its validated bodies).
 */
export async function submitBulk(
  db: Database,
  caller: Caller,
  body: unknown,
  idempotencyKey: string | null,
): Promise<StoredResponse & { replayed: boolean }> {
  const { notifications } = parseWith(bulkEnvelopeSchema, body);
  return submitNotifications(db, caller, {
    inputs: notifications.map((item) => ({ body: item })),
    idempotencyKey,
    idempotentRequest: (bodies) => ({ bulk: bodies }),
    locate: locateInBulk,
    reject: rejectBulk,
    respond: (created) => {
      const response: BulkCreated = {
        count: created.length,
        ids: created.map(({ notification }) => notification.id),
        notifications: created.map(({ notification }) => notification),
      };
      return { status: 201, body: response };
    },
  });
}
