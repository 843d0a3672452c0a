import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { teamManagers, teamMembers, teams, users } from "@/db/schema";
import { recordActivities } from "@/lib/activity/record-activity";
import { createApiClient } from "@/lib/auth/api-clients";
import { createNotification } from "@/lib/notifications/create-notification";
import { createNotificationBodySchema } from "@/lib/notifications/contract/create-notification-body";
import { demoActivities } from "./demo-history";
import { demoNotifications } from "./demo-notifications";
import { allScopes } from "@/lib/auth/scopes";
import { createVisit } from "@/lib/visits/save-visit";
import { demoPeople, demoTeams } from "./demo-people";
import { demoVisits } from "./demo-visits";
import { seedDemoMessages } from "./seed-demo-messages";

export type SeedResult = { seeded: false } | { seeded: true; demoApiKey: string; keyWasGenerated: boolean };

export type SeedOptions = {
  demoApiKey?: string;
  /**
   * Also emails, texts and a letter (one text failing), an escalated item and a stalled process
   * (./seed-demo-messages.ts). Only with the local Notify simulator: against a real Notify service
   * the messages would really go. Off for tests that count what they make.
   */
  demoMessages?: boolean;
};

/**
 * Fills an empty database with the demo teams, people, history, notifications, visits and the
 * `demo-service` API client, in one
 * transaction. A database that already has people is left alone, so this is safe on every start.
 */
export async function seedDemoData(db: Database, options: SeedOptions = {}): Promise<SeedResult> {
  return db.transaction(async (tx) => {
    // Two processes starting on one empty server must not both seed.
    await tx.execute(sql`select pg_advisory_xact_lock(7311)`);
    const [{ count } = { count: 0 }] = await tx.select({ count: sql<number>`count(*)::int` }).from(users);
    if (count > 0) return { seeded: false } as const;

    const insertedTeams = await tx
      .insert(teams)
      .values([...demoTeams])
      .returning();
    const teamIdByKey = new Map(insertedTeams.map((team) => [team.key, team.id]));
    const insertedUsers = await tx
      .insert(users)
      .values(
        demoPeople.map((person) => ({
          name: person.name,
          email: person.email,
          roles: person.roles,
          personId: person.personId ?? null,
          kind: person.roles.includes("resident") ? ("resident" as const) : ("staff" as const),
          tenureIds: person.tenureId ? [person.tenureId] : [],
          propertyIds: person.propertyIds ?? [],
          mobileNumber: person.mobileNumber ?? null,
          addressLines: person.addressLines ?? [],
          postcode: person.postcode ?? null,
          preferredChannel: person.preferredChannel ?? null,
          isDemo: true,
        })),
      )
      .returning();
    const memberships = demoPeople.flatMap((person, index) =>
      person.teams.map((teamKey) => ({ teamId: teamIdByKey.get(teamKey)!, userId: insertedUsers[index]!.id })),
    );
    if (memberships.length > 0) await tx.insert(teamMembers).values(memberships);
    const managers = demoPeople.flatMap((person, index) =>
      (person.manages ?? []).map((teamKey) => ({
        teamId: teamIdByKey.get(teamKey)!,
        userId: insertedUsers[index]!.id,
      })),
    );
    if (managers.length > 0) await tx.insert(teamManagers).values(managers);

    const { client, key } = await createApiClient(tx, {
      name: "demo-service",
      scopes: [...allScopes],
      key: options.demoApiKey,
    });
    const service = { kind: "client" as const, id: client.id, name: client.name, scopes: [...allScopes] };
    // The demo history arrives as the council's systems would send it: through the service, for named people.
    await recordActivities(tx, service, demoActivities());
    const userIdByName = new Map(insertedUsers.map((user) => [user.name, user.id]));
    for (const body of demoNotifications(userIdByName)) {
      await createNotification(tx, service, createNotificationBodySchema.parse(body));
    }
    // Booked as the service books them, so they are on the properties' timelines and the reminder rules see them.
    for (const visit of demoVisits(new Date(), userIdByName.get("Hana Osei")!)) await createVisit(tx, service, visit);
    if (options.demoMessages) await seedDemoMessages(tx, service);
    return { seeded: true, demoApiKey: key, keyWasGenerated: options.demoApiKey === undefined } as const;
  });
}
