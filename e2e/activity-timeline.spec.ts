import { expect, test } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./support/accessibility";
import { demoRecords, storageStates } from "./support/constants";

test.describe("an officer", () => {
  test.use({ storageState: storageStates.financeOfficer });

  test("reads a tenure's timeline: changes and notifications together, filterable", async ({ page }) => {
    await page.goto(`/activity/tenure/${demoRecords.rosaTenure}`);
    await expect(page.getByRole("heading", { level: 1, name: "Activity history" })).toBeVisible();
    const timeline = page.getByRole("list", { name: "Timeline, newest first" });
    await expect(timeline.getByRole("heading", { name: "Tenure created" })).toBeVisible();
    await expect(timeline.getByRole("heading", { name: "Person added to tenure" })).toBeVisible();
    await expect(timeline.getByText("New person created with the following details:")).toBeVisible();
    await expect(timeline.getByText("Leo Alvarez")).toBeVisible();
    await expect(timeline.getByRole("heading", { name: "Notification: Estimate to approve" })).toBeVisible();
    await expect(timeline.getByText(/Rent charged/).first()).toBeVisible();
    await expectNoAccessibilityViolations(page);

    await page.getByRole("link", { name: "Changes" }).click();
    await expect(page).toHaveURL(/show=changes/);
    await expect(page.getByRole("link", { name: "Changes" })).toHaveAttribute("aria-current", "page");
    await expect(timeline.getByRole("heading", { name: /^Notification/ })).toHaveCount(0);
    await expectNoAccessibilityViolations(page);
  });

  test("sees Previously / Changed to for an edit to a person", async ({ page }) => {
    await page.goto(`/activity/person/${demoRecords.rosaPerson}`);
    const edit = page.getByRole("article").filter({ has: page.getByRole("heading", { name: "Edit to person" }) });
    await expect(edit).toContainText("Last name");
    await expect(edit).toContainText("Previously: Alvares");
    await expect(edit).toContainText("Changed to: Alvarez");
    await expectNoAccessibilityViolations(page);
  });
});

test.describe("a resident", () => {
  test.use({ storageState: storageStates.resident });

  test("sees their own history and messages, and nobody else's", async ({ page }) => {
    await page.goto("/my/history");
    await expect(page.getByRole("heading", { level: 1, name: "My history" })).toBeVisible();
    await expect(page.getByText(/Payment received/).first()).toBeVisible();
    await expect(page.getByText("A gas safety visit is booked for Thursday between 8am and 12pm")).toBeVisible();
    await expect(page.getByText("Estimate E-1042")).toHaveCount(0);
    await expectNoAccessibilityViolations(page);

    await page.goto(`/activity/person/${demoRecords.tomPerson}`);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page.getByText("Tommy")).toHaveCount(0);

    const own = await page.request.get(`/api/v1/activityHistory?targetId=${demoRecords.rosaTenure}`);
    expect(own.status()).toBe(200);
    const someoneElses = await page.request.get(`/api/v1/activityHistory?targetId=${demoRecords.tomTenure}`);
    expect(someoneElses.status()).toBe(404);
  });
});
