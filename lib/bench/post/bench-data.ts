import type { Database } from "@/db/client";
import { teamMembers, teams, users } from "@/db/schema";
import { loadAppModule } from "../support/app-modules";

const { seedDemoData } = loadAppModule<typeof import("@/db/seed/seed-demo-data")>("@/db/seed/seed-demo-data");

export const benchTeamKey = "bench-five";

export type PostBenchData = { personIds: string[] };

/** The demo seed (its API key the bench's), a team of five, and the people a single POST goes to. */
export async function seedPostBenchData(db: Database, demoApiKey: string): Promise<PostBenchData> {
  await seedDemoData(db, { demoApiKey });
  const people = await db
    .insert(users)
    .values(
      Array.from({ length: 20 }, (_, index) => ({
        name: `Bench Person ${index}`,
        email: `bench-post-${index}@bench.invalid`,
        roles: ["housing-officer" as const],
      })),
    )
    .returning({ id: users.id });
  const [team] = await db.insert(teams).values({ key: benchTeamKey, name: "Bench team of five" }).returning();
  await db.insert(teamMembers).values(people.slice(0, 5).map((person) => ({ teamId: team!.id, userId: person.id })));
  return { personIds: people.map((person) => person.id) };
}
