import type { Database } from "@/db/client";
import type { Document } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import type { Caller } from "@/lib/auth/caller";
import { findVisibleNotification } from "@/lib/notifications/visibility";
import { getDocument } from "./get-document";

/**
 * The document if the caller may see its notification, or is an admin (the outbox links every
 * letter and attachment); otherwise not_found, exactly as for a wrong uid.
 */
export async function getVisibleDocumentOrThrow(db: Database, caller: Caller, uid: string): Promise<Document> {
  const document = await getDocument(db, uid);
  const isAdmin = caller.kind === "person" && caller.roles.includes("admin");
  if (document && (isAdmin || (await findVisibleNotification(db, caller, document.notificationId)))) return document;
  throw new ApiError("not_found", "No document with this id");
}
