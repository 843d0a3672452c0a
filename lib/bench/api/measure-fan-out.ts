import type { Database } from "@/db/client";
import type { ClientCaller } from "@/lib/auth/caller";
import { createNotification } from "@/lib/notifications/create-notification";
import { loadAppModule } from "../support/app-modules";
import { median, progress, timed } from "../support/progress";

const { createNotificationBodySchema } = loadAppModule<
  typeof import("@/lib/notifications/contract/create-notification-body")
>("@/lib/notifications/contract/create-notification-body");

export type FanOutResult = { teamKey: string; runs: number; medianMs: number; maxMs: number; receipts: number };

/**
 * Times creating one Screen notification for a whole team, the way POST /api/v1/notifications does
 * it (createNotification in a transaction), but without HTTP so the figure is the database's.
 */
export async function measureFanOut(
  db: Database,
  caller: ClientCaller,
  teamKey: string,
  runs = 5,
): Promise<FanOutResult> {
  const body = createNotificationBodySchema.parse({
    notificationType: "Screen",
    message: "bench fan-out",
    recipient: { team: teamKey },
  });
  const times: number[] = [];
  let receipts = 0;
  for (let run = 1; run <= runs; run++) {
    const { result, ms } = await timed(() => db.transaction((tx) => createNotification(tx, caller, body)));
    times.push(ms);
    receipts = result.recipientUserIds.length;
    progress(`fan-out to ${teamKey}, run ${run}/${runs}: ${ms.toFixed(0)} ms, ${receipts} receipts`);
  }
  return { teamKey, runs, medianMs: median(times), maxMs: Math.max(...times), receipts };
}
