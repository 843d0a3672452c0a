import { asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { teams, users } from "@/db/schema";

// The short lists the admin pages offer as checkboxes and drop-downs: every team, every staff member.

export type TeamChoice = { key: string; name: string };
export type StaffChoice = { id: string; name: string; email: string | null; disabled: boolean };

/** Every team, by name. */
export async function listTeamChoices(db: Database): Promise<TeamChoice[]> {
  return db
    .select({ key: teams.key, name: teams.name })
    .from(teams)
    .orderBy(asc(sql`lower(${teams.name})`), asc(teams.key));
}

/** Every staff member, disabled ones too (a team may still list them), by name. */
export async function listStaffChoices(db: Database): Promise<StaffChoice[]> {
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      disabled: sql<boolean>`${users.disabledAt} is not null`,
    })
    .from(users)
    .where(eq(users.kind, "staff"))
    .orderBy(asc(sql`lower(${users.name})`), asc(users.id));
}
