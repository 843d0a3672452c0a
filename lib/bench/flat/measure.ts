import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { listActivities } from "@/lib/activity/list-activities";
import { listActivitiesQuerySchema } from "@/lib/activity/schemas";
import { countNotifications } from "@/lib/notifications/count-notifications";
import { listNotificationsQuerySchema } from "@/lib/notifications/contract/list-notifications-query";
import { listNotifications } from "@/lib/notifications/list-notifications";
import { median, p50 } from "../support/progress";
import type { Callers, FlatData } from "./data";

export type Scenario = { name: string; small: number; large: number };
export type FlatFigures = { baseline: number; scenarios: Scenario[] };

export type Call = (db: Database, callers: Callers, admin: FlatData["admin"]) => Promise<unknown>;

const inboxTabs = ["all", "unread", "actionRequired", "read", "archived"] as const;
const clientTabs = ["all", "unread", "actionRequired"] as const;

const list = (who: "person" | "client", status: (typeof inboxTabs)[number], page: 1 | 2): Call => {
  return async (db, callers) => {
    const query = (token?: string) =>
      listNotificationsQuerySchema.parse({ status, ...(token ? { paginationToken: token } : {}) });
    if (page === 1) return listNotifications(db, callers[who], query());
    // The token is fetched each time too, but only the second page's read is what differs.
    const first = await listNotifications(db, callers[who], query());
    return listNotifications(db, callers[who], query(first.paginationDetails.nextToken ?? undefined));
  };
};

export const calls: Array<[string, Call]> = [
  ...inboxTabs.map((status): [string, Call] => [`person: ${status} tab, first page`, list("person", status, 1)]),
  ["person: all tab, first + second page", list("person", "all", 2)],
  ["person: counts", (db, callers) => countNotifications(db, callers.person)],
  ...clientTabs.map((status): [string, Call] => [`client: ${status}, first page`, list("client", status, 1)]),
  ["client: all, first + second page", list("client", "all", 2)],
  ["client: counts", (db, callers) => countNotifications(db, callers.client)],
  [
    "record history: first page",
    (db, callers, admin) => listActivities(db, admin, listActivitiesQuerySchema.parse({ targetId: callers.recordId })),
  ],
];

/**
 * p50 of each call for the small and the large caller, alternating rounds so drift on a shared
 * machine hits both alike, after a warm-up; and of a bare `select 1` in the same run.
 */
export async function measureFlat(db: Database, data: FlatData, rounds: number): Promise<FlatFigures> {
  const bare = () => db.execute(sql`select 1`);
  await p50(bare, 50);
  const baseline = await p50(bare, rounds);
  const scenarios: Scenario[] = [];
  for (const [name, call] of calls) {
    const small = () => call(db, data.small, data.admin);
    const large = () => call(db, data.large, data.admin);
    await p50(small, 10);
    await p50(large, 10);
    const smallTimes: number[] = [];
    const largeTimes: number[] = [];
    for (let round = 0; round < 5; round++) {
      smallTimes.push(await p50(small, Math.ceil(rounds / 5)));
      largeTimes.push(await p50(large, Math.ceil(rounds / 5)));
    }
    scenarios.push({ name, small: median(smallTimes), large: median(largeTimes) });
  }
  return { baseline, scenarios };
}
