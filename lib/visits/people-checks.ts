import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import type { FieldError } from "@/lib/api/errors";

// Who a visit is to and by, checked against the directory as notifications check a person
// (lib/notifications/directory-recipient.ts): by directory id or by council person id.

type Found = { id: string; name: string; kind: string; disabledAt: Date | null };

const columns = { id: users.id, name: users.name, kind: users.kind, disabledAt: users.disabledAt };

/** The resident visited, by `personId` or `residentUserId`: their directory id, or a problem on that field. */
export async function resolveResident(
  db: Database,
  by: { personId?: string; residentUserId?: string },
): Promise<{ userId: string } | { problem: FieldError }> {
  const path = by.personId ? "personId" : "residentUserId";
  const [found] = await db
    .select(columns)
    .from(users)
    .where(by.personId ? eq(users.personId, by.personId) : eq(users.id, by.residentUserId!));
  const problem = (message: string) => ({ problem: { path, message } });
  if (!found) return problem(by.personId ? "No person has this person id" : "No person has this id");
  if (found.kind !== "resident") return problem(`${found.name} is not a resident`);
  if (found.disabledAt) return problem(`${found.name} is disabled`);
  return { userId: found.id };
}

/** Problems with the visiting officer: must be an active member of staff. */
export async function officerProblems(db: Database, officerUserId: string): Promise<FieldError[]> {
  const [found]: Found[] = await db.select(columns).from(users).where(eq(users.id, officerUserId));
  const problem = (message: string) => [{ path: "officerUserId", message }];
  if (!found) return problem("No person has this id");
  if (found.kind !== "staff") return problem(`${found.name} is not a member of staff`);
  if (found.disabledAt) return problem(`${found.name} is disabled`);
  return [];
}
