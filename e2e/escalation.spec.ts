import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./support/accessibility";
import { storageStates } from "./support/constants";
import { newServiceContext } from "./support/service-api";

// Issue 12's journey: an item nobody acts on is escalated to the team's manager, who sees the
// escalated copy arrive and the original marked "Escalated to Finance managers" without a reload.
//
// The server runs the ruleSweeps schedule itself, once a minute, on the system clock; nothing in
// the app moves time. So the journey makes its own rule with the shortest durations a rule allows
// (remind after 1 minute, escalate after 2) and waits, in calendar time, for the schedule.
//
// Isolation: an escalation rule acts on every open item of its category. "actualApproval" is used
// by no other journey and by no demo item, so this rule touches only the item made here; it is
// deleted at the end, so nothing it would do later (reminding or escalating the copy) happens.
// Journeys run one at a time (playwright.config.ts: workers 1), and the item goes to Grace's own
// team, whose officers' counts the inbox journeys take afresh within each test.

test.use({ storageState: storageStates.financeManager });

// 2 minutes for the item to become due, up to a minute to the schedule's next run, and pg-boss's
// polling (a cron check every 5 s, the queue every 10 s): about 3¼ minutes at worst, so 5 leave
// room for a loaded machine without hiding a schedule that never runs.
const escalationWait = 5 * 60_000;

test("an item not acted on shows 'Escalated to …' live in the manager's inbox", async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(escalationWait + 2 * 60_000);
  const service = await newServiceContext(playwright, baseURL);
  const rule = await service.post("/api/v1/rules", {
    data: {
      name: `Escalate unapproved actuals after two minutes ${randomUUID()}`,
      kind: "escalation",
      definition: {
        category: "actualApproval",
        remindAfter: "PT1M",
        escalateAfter: "PT2M",
        timeMode: "calendar",
        fallbackRole: "finance-manager",
      },
    },
  });
  expect(rule.status(), await rule.text()).toBe(201);
  const ruleId = (await rule.json()).id as string;

  try {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();

    const message = `Actuals A-${randomUUID().slice(0, 8)} for the roof repair are ready to approve`;
    const created = await service.post("/api/v1/notifications", {
      data: { notificationType: "Screen", category: "actualApproval", message, recipient: { team: "finance" } },
    });
    expect(created.status(), await created.text()).toBe(201);

    // Grace is in the finance team, so the original reaches her too; exact, as the copy's name contains it.
    const original = page.getByRole("article", { name: message, exact: true });
    await expect(original).toBeVisible({ timeout: 10_000 });
    await expect(original.getByTestId("escalation")).toHaveCount(0);

    // No reload from here on: the live stream brings the copy and the change to the original.
    const copy = page.getByRole("article", { name: `Escalated, not acted on for 2 minutes: ${message}`, exact: true });
    await expect(copy).toBeVisible({ timeout: escalationWait });
    await expect(copy).toContainText("Needs action");
    await expect(copy).toContainText("sent to you");
    await expect(original.getByTestId("escalation")).toHaveText(
      /^Escalated to Finance managers at .+: not acted on for 2 minutes$/,
      { timeout: 10_000 },
    );
    await expectNoAccessibilityViolations(page);

    // Keyboard only: open the original from its heading and read the escalation and its audit trail.
    await original.getByRole("link", { name: message, exact: true }).focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/notifications\/[0-9a-f-]{36}$/);
    await expect(page.getByText(/^Escalated to Finance managers at .+: not acted on for 2 minutes$/)).toBeVisible();
    const trail = page.getByRole("table", { name: /Every action recorded/ });
    await expect(
      trail.getByRole("row", { name: /Escalated Escalated to Finance managers: not acted on for 2 minutes/ }),
    ).toBeVisible();
    await expectNoAccessibilityViolations(page);
  } finally {
    await service.delete(`/api/v1/rules/${ruleId}`);
    await service.dispose();
  }
});
