import { expect, test } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./support/accessibility";
import { storageStates } from "./support/constants";
import { newServiceContext } from "./support/service-api";

// An administrator finds a client's subscription, sends it a test event and sees the message
// listed, all without JavaScript-only controls. The client subscribes through the API as the demo
// service does; email only, so no webhook address has to pass the SSRF rule.

test.describe("as an admin", () => {
  test.use({ storageState: storageStates.admin });

  test("opens a client's subscription, sends a test event and sees it listed", async ({
    page,
    playwright,
    baseURL,
  }) => {
    const service = await newServiceContext(playwright, baseURL);
    const created = await service.post("/api/v1/subscriptions", {
      data: {
        eventType: "delivery.updated",
        contactEmails: ["subscriptions.journey@example.com"],
        notificationChannels: { email: { addresses: ["subscriptions.journey@example.com"] } },
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const subscription = (await created.json()) as { id: string };
    await service.dispose();

    await page.goto("/admin/subscriptions");
    await expect(page.getByRole("heading", { level: 1, name: "Subscriptions" })).toBeVisible();
    const table = page.getByRole("table", { name: "Subscriptions, newest first" });
    const row = table
      .getByRole("row")
      .filter({ has: page.locator(`a[href="/admin/subscriptions/${subscription.id}"]`) });
    await expect(row).toContainText("delivery.updated");
    await expect(row).toContainText("Email to subscriptions.journey@example.com");
    await expect(row).toContainText("Enabled");
    await expectNoAccessibilityViolations(page);

    await row.getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`/admin/subscriptions/${subscription.id}$`));
    await expect(page.getByRole("heading", { level: 1, name: /demo-service: delivery\.updated/ })).toBeVisible();
    await expect(page.getByText("No messages yet.")).toBeVisible();
    await expectNoAccessibilityViolations(page);

    await page.getByRole("button", { name: "Send a test event" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Test event queued" })).toBeVisible();
    const messages = page.getByRole("table", { name: "Recent messages, newest first" });
    await expect(messages.getByRole("row").filter({ hasText: "test.event" })).toHaveCount(1);
    await expect(messages).toContainText("Email");
    await expectNoAccessibilityViolations(page);

    // The replay is counted before it can be confirmed.
    await page.getByRole("button", { name: "Count failed messages" }).click();
    await expect(page.getByText(/0 failed messages found; 0 would be queued again/)).toBeVisible();
    await expectNoAccessibilityViolations(page);
  });
});
