import { spawn } from "node:child_process";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { and, eq, inArray, like, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { notificationActions, notifications, rules, ruleSteps, teamManagers, teams, users } from "@/db/schema";
import { setUpTestDatabase } from "@/db/testing/test-database";
import { createApiClient } from "@/lib/auth/api-clients";
import type { ClientCaller } from "@/lib/auth/caller";
import { createNotificationBodySchema } from "@/lib/notifications/contract/create-notification-body";
import { createNotification } from "@/lib/notifications/create-notification";
import { createTestClock } from "@/lib/rules/time/clock";
import { sweepEscalations } from "./escalations";

// A worker SIGKILLed in the middle of an escalation sweep neither loses nor doubles a step: the batch
// of steps it was inside rolls back with its claims, the steps it finished stay taken, and the next sweep
// takes exactly the rest. A second process needs PostgreSQL: PGlite is one process's database, so
// on PGlite this file has nothing to run (escalations.test.ts covers a step failing mid-way there).

const onPostgres = process.env.TEST_DATABASE_DRIVER === "postgres";
const database = setUpTestDatabase();
const db = () => database.handle.db;

const now = "2026-05-20T12:00:00Z";
const itemCount = 40;
let ruleId = "";
const itemIds: string[] = [];

function connectionString(): string {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${database.handle.location.split("/").at(-1)}`;
  return url.toString();
}

async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.runIf(onPostgres)("an escalation sweep in a worker killed mid-run", () => {
  beforeAll(async () => {
    const [manager] = await db()
      .insert(users)
      .values({ name: "Mina Manager", email: "mina@example.test", roles: ["finance-manager"] })
      .returning({ id: users.id });
    const [team] = await db().insert(teams).values({ key: "ledger", name: "Ledger" }).returning({ id: teams.id });
    await db().insert(teamManagers).values({ teamId: team!.id, userId: manager!.id });
    // Only this file's rule runs, so every step taken is this rule's.
    await db().update(rules).set({ enabled: false }).where(eq(rules.kind, "escalation"));
    const [rule] = await db()
      .insert(rules)
      .values({
        name: "Escalate estimates (killed worker test)",
        kind: "escalation",
        definition: {
          category: "estimateApproval",
          remindAfter: "PT1H",
          escalateAfter: "PT2H",
          timeMode: "calendar",
          fallbackRole: "finance-manager",
        },
      })
      .returning({ id: rules.id });
    ruleId = rule!.id;

    const { client } = await createApiClient(db(), { name: "finance-system", scopes: ["notifications:write"] });
    const service: ClientCaller = { kind: "client", id: client.id, name: client.name, scopes: ["notifications:write"] };
    for (let index = 0; index < itemCount; index += 1) {
      const body = createNotificationBodySchema.parse({
        notificationType: "Screen",
        category: "estimateApproval",
        message: `Estimate ${index} ${randomUUID().slice(0, 8)} to approve`,
        recipient: { team: "ledger" },
      });
      const created = await db().transaction((tx) => createNotification(tx, service, body));
      itemIds.push(created.notification.id);
    }
    // A day before the sweep's clock: every item is past its escalation time, none yet reminded.
    await db()
      .update(notifications)
      .set({ createdAt: new Date("2026-05-19T09:00:00Z") })
      .where(inArray(notifications.id, itemIds));
  });

  // Generous: starting a tsx child and PostgreSQL noticing the dropped connection are slow under load.
  it("leaves every due item with exactly one escalation once a sweep runs after it", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "lib/rules/engine/testing/sweep-escalations-child.ts"], {
      cwd: path.resolve(import.meta.dirname, "../../.."),
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        DATABASE_URL: connectionString(),
        SWEEP_NOW: now,
        STEP_DELAY_MS: "150",
        SWEEP_BATCH_SIZE: "5",
      },
    });
    let stdout = "";
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += String(chunk)));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
      child.once("exit", (code, signal) => resolve(signal ?? code)),
    );
    // Killed the moment it has claimed its tenth step: in batches of five, the first batch has
    // committed and the kill lands inside the second batch's transaction.
    const claimedTen = new Promise<void>((resolve, reject) => {
      child.stdout!.on("data", (chunk: Buffer) => {
        stdout += String(chunk);
        if ((stdout.match(/^claimed /gm) ?? []).length >= 10) {
          child.kill("SIGKILL");
          resolve();
        }
      });
      void exited.then(() => reject(new Error(`The sweep ended before it was killed: ${stdout}${stderr}`)));
    });
    await claimedTen;
    expect(await exited).toBe("SIGKILL");
    expect(stdout).not.toContain("finished");

    // Killed mid-run: some steps committed, the rest not taken (the batch it was inside rolled back).
    const escalatedBefore = await db()
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(inArray(notifications.id, itemIds), sql`${notifications.escalatedAt} is not null`));
    expect(escalatedBefore.length).toBeGreaterThanOrEqual(1);
    expect(escalatedBefore.length).toBeLessThan(itemCount);

    // PostgreSQL ends the killed session's transaction when it sees the connection drop; until
    // then its item is locked and skipped, so sweeps repeat until every item is escalated.
    const clock = createTestClock(now);
    await poll(
      async () => {
        await sweepEscalations(db(), { clock, limit: 10 });
        const open = await db()
          .select({ id: notifications.id })
          .from(notifications)
          .where(and(inArray(notifications.id, itemIds), sql`${notifications.escalatedAt} is null`));
        return open.length;
      },
      (open) => open === 0,
      60_000,
    );
    // One more sweep finds nothing left to do.
    expect(await sweepEscalations(db(), { clock })).toEqual({ reminded: 0, escalated: 0, failed: 0 });

    const steps = await db()
      .select({ subjectId: ruleSteps.subjectId, step: ruleSteps.step })
      .from(ruleSteps)
      .where(eq(ruleSteps.ruleId, ruleId));
    expect(
      steps
        .filter((step) => step.step === "escalation")
        .map((step) => step.subjectId)
        .sort(),
    ).toEqual([...itemIds].sort());
    // Past their escalation time, the items were never reminded.
    expect(steps.filter((step) => step.step !== "escalation")).toEqual([]);

    const escalations = await db()
      .select({ notificationId: notificationActions.notificationId })
      .from(notificationActions)
      .where(
        and(inArray(notificationActions.notificationId, itemIds), eq(notificationActions.actionType, "Escalated")),
      );
    expect(escalations.map((action) => action.notificationId).sort()).toEqual([...itemIds].sort());

    // One copy per item for the team's one manager, each naming its original's message.
    const originals = await db()
      .select({ message: notifications.message })
      .from(notifications)
      .where(inArray(notifications.id, itemIds));
    const copies = await db()
      .select({ message: notifications.message })
      .from(notifications)
      .where(like(notifications.message, "Escalated, not acted on for 2 hours: %"));
    expect(copies.map((copy) => copy.message).sort()).toEqual(
      originals.map((original) => `Escalated, not acted on for 2 hours: ${original.message}`).sort(),
    );
  }, 120_000);
});
