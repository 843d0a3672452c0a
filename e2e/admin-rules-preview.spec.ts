import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./support/accessibility";
import { storageStates } from "./support/constants";

// Issue 12's dry run in the browser: an administrator previews the seeded new-tenure rule from the
// rules list, by keyboard, sees who it would reach, and tries it on an event of their own. A
// preview writes nothing, so the rule and every inbox stay as seeded for the other journeys.

test.describe("as an admin", () => {
  test.use({ storageState: storageStates.admin });

  test("previews the new-tenure rule: the finance team and its people, then a sample event of their own", async ({
    page,
  }) => {
    const ruleName = "New tenure: tell finance";

    await test.step("follows Preview from the rules list by keyboard", async () => {
      await page.goto("/admin/rules");
      const preview = page.getByRole("link", { name: `Preview ${ruleName}` });
      await preview.focus();
      await page.keyboard.press("Enter");
      await expect(page).toHaveURL(/\/admin\/rules\/[0-9a-f-]{36}\/preview$/);
      await expect(page.getByRole("heading", { level: 1, name: ruleName })).toBeVisible();
    });

    await test.step("sees the sample event matched and the finance team with the people it reaches", async () => {
      await expect(page.getByText("Tried on a sample TenureCreatedEvent")).toBeVisible();
      await expect(page.getByText("The event matches the rule.")).toBeVisible();
      const table = page.getByRole("table", { name: /recipients and people reached/ });
      const row = table.getByRole("row", { name: /the finance team/ });
      await expect(row.getByRole("rowheader")).toHaveText("the finance team");
      await expect(row).toContainText("Farid Khan, Fiona Finch, Grace Mensah");
      await expect(page.getByText("The event has no value for newData.paymentReference")).toBeVisible();
      await expectNoAccessibilityViolations(page);
    });

    await test.step("is told what is wrong with a sample event that is not JSON", async () => {
      const box = page.getByLabel("Sample event (JSON, optional)");
      await box.fill("{not json");
      await page.getByRole("button", { name: "Preview with this event" }).click();
      const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
      await expect(summary.getByRole("link", { name: /The sample event is not valid JSON/ })).toBeVisible();
      await expect(page.locator(":focus")).toContainText("There is a problem");
      await expect(page.getByLabel("Sample event (JSON, optional)")).toHaveAccessibleDescription(
        /Error: The sample event is not valid JSON/,
      );
      await expect(page.getByLabel("Sample event (JSON, optional)")).toHaveValue("{not json");
      await expectNoAccessibilityViolations(page);
    });

    await test.step("tries the rule on an event of their own and sees the message it would send", async () => {
      const event = {
        id: randomUUID(),
        eventType: "TenureCreatedEvent",
        dateTime: new Date().toISOString(),
        user: { name: "Hana Osei", email: "hana.osei@council.example" },
        entityId: randomUUID(),
        eventData: { newData: { paymentReference: "PR-E2E" } },
      };
      await page.getByLabel("Sample event (JSON, optional)").fill(JSON.stringify(event, null, 2));
      await page.getByRole("button", { name: "Preview with this event" }).click();
      await expect(
        page.getByText(`Tried on the TenureCreatedEvent you gave (a tenure event, id ${event.id}).`),
      ).toBeVisible();
      const row = page
        .getByRole("table", { name: /recipients and people reached/ })
        .getByRole("row", { name: /finance/ });
      await expect(row).toContainText("New tenure PR-E2E: check its charges");
      await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toHaveCount(0);
      await expectNoAccessibilityViolations(page);
    });
  });
});
