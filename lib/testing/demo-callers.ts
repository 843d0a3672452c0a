import type { Database } from "@/db/client";
import { seedDemoData } from "@/db/seed/seed-demo-data";
import { createApiClient } from "@/lib/auth/api-clients";
import { listDemoUsers } from "@/lib/auth/people";
import type { User } from "@/db/schema";
import { sessionCookieFor } from "@/lib/next-bridge/session-cookie";

export type DemoCallers = {
  people: Record<string, User>;
  /** Headers that make a route handler see this person (a real session cookie). */
  as: (name: string) => Promise<Record<string, string>>;
  serviceHeaders: Record<string, string>;
  otherServiceHeaders: Record<string, string>;
};

/** Seeds the demo people and two API clients, and hands out headers to call routes as any of them. */
export async function setUpDemoCallers(db: Database): Promise<DemoCallers> {
  const serviceKey = "nck_test-demo-service-key-0000000000";
  await seedDemoData(db, { demoApiKey: serviceKey });
  const { key: otherKey } = await createApiClient(db, {
    name: "other-service",
    scopes: ["notifications:read", "notifications:write"],
  });
  const people = Object.fromEntries(
    (await listDemoUsers(db)).map((user) => [user.name.split(" ")[0]!.toLowerCase(), user]),
  );
  return {
    people,
    as: async (name) => ({ cookie: await sessionCookieFor(people[name]!.id) }),
    serviceHeaders: { authorization: `Bearer ${serviceKey}` },
    otherServiceHeaders: { authorization: `Bearer ${otherKey}` },
  };
}
