import { eq, or, sql, type SQL } from "drizzle-orm";
import { deliveries, notifications, type User } from "@/db/schema";

/** Notifications written to the person: by directory id, council person id, their own copies, or their email or number. */
export function addressedTo(person: Pick<User, "id" | "personId" | "email" | "mobileNumber">): SQL {
  const conditions: SQL[] = [
    eq(notifications.recipientUserId, person.id),
    // One of several recipients (recipient_kind 'list'): a person id is stored with the user id it named.
    sql`${notifications.recipients} @> ${JSON.stringify([{ userId: person.id }])}::jsonb`,
    sql`${notifications.id} in (select ${deliveries.notificationId} from ${deliveries} where ${deliveries.userId} = ${person.id})`,
  ];
  if (person.personId) conditions.push(eq(notifications.recipientPersonId, person.personId));
  if (person.email) conditions.push(sql`lower(${notifications.email}) = ${person.email.toLowerCase()}`);
  if (person.mobileNumber) conditions.push(eq(notifications.mobileNumber, person.mobileNumber));
  return or(...conditions)!;
}
