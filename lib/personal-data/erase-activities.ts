import { eq, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { activities, type AuthorDetails, type User } from "@/db/schema";
import { erased, mentionsPerson, scrubJson, type PersonIdentifiers } from "./identifiers";

type Person = Pick<User, "id" | "personId" | "email">;

/** The author (or person acted for) with their name and email erased, when it is this person. */
function eraseIfPerson<T extends AuthorDetails | null>(details: T, person: Person, everywhere: PersonIdentifiers): T {
  if (!details) return details;
  const isPerson =
    details.id === person.id || (person.email !== null && details.email?.toLowerCase() === person.email.toLowerCase());
  return isPerson ? { ...details, fullName: erased, email: erased } : scrubJson(details, everywhere);
}

/**
 * Activity history about the person (their directory record or council person record), written by
 * them or for them, or quoting them: personal values redacted, the rest kept. Runs under the
 * erasePersonalData guard; the trigger checks every row keeps its ids, times, type and shape.
 */
export async function eraseActivities(
  tx: Database,
  person: Person,
  identifiers: { everywhere: PersonIdentifiers; connected: PersonIdentifiers },
): Promise<number> {
  const aboutThem = [person.id, ...(person.personId ? [person.personId] : [])];
  const rows = await tx
    .select()
    .from(activities)
    .where(
      or(
        sql`${activities.targetId} in (${sql.join(
          aboutThem.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
        sql`${activities.authorDetails} ->> 'id' = ${person.id}`,
        sql`${activities.onBehalfOf} ->> 'id' = ${person.id}`,
        mentionsPerson(
          [
            sql`${activities.oldData}::text`,
            sql`${activities.newData}::text`,
            sql`${activities.authorDetails}::text`,
            sql`${activities.onBehalfOf}::text`,
          ],
          identifiers.everywhere,
        ),
      ),
    );
  let changed = 0;
  for (const row of rows) {
    const connected = aboutThem.includes(row.targetId) || row.authorDetails.id === person.id;
    const scrubWith = connected ? identifiers.connected : identifiers.everywhere;
    const update = {
      oldData: row.oldData ? scrubJson(row.oldData, scrubWith) : null,
      newData: row.newData ? scrubJson(row.newData, scrubWith) : null,
      authorDetails: eraseIfPerson(row.authorDetails, person, identifiers.everywhere),
      onBehalfOf: eraseIfPerson(row.onBehalfOf, person, identifiers.everywhere),
    };
    const before = {
      oldData: row.oldData,
      newData: row.newData,
      authorDetails: row.authorDetails,
      onBehalfOf: row.onBehalfOf,
    };
    if (JSON.stringify(update) === JSON.stringify(before)) continue;
    await tx.update(activities).set(update).where(eq(activities.id, row.id));
    changed += 1;
  }
  return changed;
}
