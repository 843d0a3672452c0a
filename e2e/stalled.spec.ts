import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./support/accessibility";
import { storageStates } from "./support/constants";
import { newServiceContext } from "./support/service-api";

// The work tray's Stalled view: a process quiet for longer than a stalled rule allows is listed with
// how long and a link to its timeline, and leaves the list when an event arrives for it.

test.use({ storageState: storageStates.admin });

test("the Stalled view lists a stalled process and empties when an event arrives", async ({
  page,
  playwright,
  baseURL,
}) => {
  const service = await newServiceContext(playwright, baseURL);
  // Activities may be back-dated a week at most here, so the journey's rule stalls after ten minutes.
  const rule = await service.post("/api/v1/rules", {
    data: {
      name: `Process stalled for ten minutes ${randomUUID()}`,
      kind: "stalled",
      definition: {
        targetType: "process",
        after: "PT10M",
        timeMode: "calendar",
        closingEventTypes: ["ProcessClosedEvent"],
        audience: { team: "housing-officers" },
      },
    },
  });
  expect(rule.status(), await rule.text()).toBe(201);
  const ruleId = (await rule.json()).id as string;
  const process = randomUUID();
  const sendEvent = async (eventType: string, minutesAgo: number) => {
    const response = await service.post("/api/v1/events", {
      data: {
        id: randomUUID(),
        eventType,
        dateTime: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
        user: { name: "Pat Clerk", email: "pat.clerk@council.example" },
        entityId: process,
      },
    });
    expect(response.status(), await response.text()).toBe(201);
  };

  try {
    await sendEvent("ProcessStartedEvent", 60);
    await page.goto("/");
    await page.getByRole("navigation", { name: "Inbox views" }).getByRole("link", { name: "Stalled" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Stalled" })).toBeVisible();
    const table = page.getByRole("table", { name: "Stalled records, the longest quiet first" });
    const row = table.getByRole("row").filter({ hasText: process });
    await expect(row).toContainText("No activity for 1 hour");
    await expect(row.getByRole("link", { name: /Open the timeline/ })).toHaveAttribute(
      "href",
      `/activity/process/${process}`,
    );
    await expectNoAccessibilityViolations(page);

    await sendEvent("NoteCreatedAgainstProcessEvent", 0);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Stalled" })).toBeVisible();
    await expect(page.getByText(process)).toHaveCount(0);
    await expectNoAccessibilityViolations(page);
  } finally {
    await service.delete(`/api/v1/rules/${ruleId}`);
    await service.dispose();
  }
});
