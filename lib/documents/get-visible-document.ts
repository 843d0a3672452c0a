import type { Database } from "@/db/client";
import type { Document } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import type { Caller } from "@/lib/auth/caller";
import { authorize, maySeeDocument } from "@/lib/auth/policies";
import { findVisibleNotification } from "@/lib/notifications/visibility";
import { getDocument } from "./get-document";

/** The document if the caller may see it (maySeeDocument); otherwise not_found, exactly as for a wrong uid. */
export async function getVisibleDocumentOrThrow(db: Database, caller: Caller, uid: string): Promise<Document> {
  const document = await getDocument(db, uid);
  if (!document) throw new ApiError("not_found", "No document with this id");
  const notificationReadable = (await findVisibleNotification(db, caller, document.notificationId)) !== null;
  authorize(caller, maySeeDocument, { notificationReadable });
  return document;
}
