import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { documents, type Document } from "@/db/schema";

/** The stored document, or null (also for a uid that is not a uuid, so a bad id and a missing one look alike). */
export async function getDocument(db: Database, uid: string): Promise<Document | null> {
  if (!z.uuid().safeParse(uid).success) return null;
  const [document] = await db.select().from(documents).where(eq(documents.uid, uid));
  return document ?? null;
}
