import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { notificationReceipts, notifications } from "@/db/schema";
import { createActivities } from "@/lib/activity/create-activities";
import type { Caller } from "@/lib/auth/caller";
import { createNotification } from "@/lib/notifications/create-notification";
import { createNotificationBodySchema } from "@/lib/notifications/contract/create-notification-body";
import { sweepEscalations } from "@/lib/rules/engine/escalations";
import { sweepStalledRecords } from "@/lib/rules/engine/stalled";
import { demoEscalatedItem, demoMessages, demoStalledProcessId } from "./demo-messages";

const DAY = 24 * 60 * 60 * 1000;

/**
 * What makes the outbox, the Stalled view and an escalation true on first run, in the seed's
 * transaction. The messages are made as a service makes them (createNotification): their deliveries
 * wait, unsent, for the workers' start-up sweep, which queues them for the simulator. The escalated
 * item and the stalled process are made old (back-dated) and the rules' own sweeps take their steps
 * now, so the first pages show them rather than a minute later.
 */
export async function seedDemoMessages(tx: Database, service: Caller, now = new Date()): Promise<void> {
  for (const body of demoMessages()) await createNotification(tx, service, createNotificationBodySchema.parse(body));

  const escalated = await createNotification(tx, service, createNotificationBodySchema.parse(demoEscalatedItem));
  const weekAgo = new Date(now.getTime() - 7 * DAY);
  await tx.update(notifications).set({ createdAt: weekAgo }).where(eq(notifications.id, escalated.notification.id));
  await tx
    .update(notificationReceipts)
    .set({ createdAt: weekAgo })
    .where(eq(notificationReceipts.notificationId, escalated.notification.id));

  await createActivities(
    tx,
    service,
    [
      {
        type: "create",
        targetType: "process",
        targetId: demoStalledProcessId,
        createdAt: new Date(now.getTime() - 21 * DAY).toISOString(),
        newData: { processName: "soleToJoint", state: "ManualChecksPassed" },
        oldData: null,
        onBehalfOf: { fullName: "Hana Osei", email: "hana.osei@council.example" },
        sourceDomain: "Process",
      },
    ],
    { eventType: "ProcessStartedEvent" },
  );

  await sweepEscalations(tx);
  await sweepStalledRecords(tx);
}
