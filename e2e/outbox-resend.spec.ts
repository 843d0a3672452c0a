import { expect, test, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./support/accessibility";
import { storageStates } from "./support/constants";

// Issue 15: the demo's failed text (db/seed/demo-messages.ts, sent at start to Notify's
// temporary-failure test number, 07700 900003, at the local simulator) is resent by an admin: a new
// delivery, linked both ways, that the worker really sends, while the failed one stays as it was.

test.use({ storageState: storageStates.admin });

const failedTextRow = (page: Page) =>
  page
    .getByRole("table", { name: "Deliveries, newest first" })
    .getByRole("row")
    .filter({ hasText: "•••003" })
    .filter({ hasText: "temporary-failure" })
    .filter({ hasNotText: "a resend" });

test("an admin resends the demo's failed text and follows the new one to its status", async ({ page }) => {
  // Two waits of up to a minute on the worker and the simulator, more than a default test's 30 s.
  test.slow();
  // The server sent the demo's messages as it started; the failed text fails a second or so later.
  await expect(async () => {
    await page.goto("/admin/outbox?channel=sms&status=temporary-failure");
    await expect(failedTextRow(page)).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  await expectNoAccessibilityViolations(page);

  await failedTextRow(page).getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: "Delivery" })).toBeVisible();
  const originalUrl = page.url();
  await expect(page.getByRole("region", { name: "Rendered message" })).toContainText("Kitchen tap repair");
  await expectNoAccessibilityViolations(page);

  // Keyboard only: the resend asks first, then does it.
  await page.getByRole("link", { name: "Resend this text message" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 3, name: "Resend this text message?" })).toBeVisible();
  await expectNoAccessibilityViolations(page);
  await page.getByRole("button", { name: "Yes, resend this text message" }).focus();
  // Twice, as an impatient double press would: one resend is made, and the second answer opens it.
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter").catch(() => undefined);

  await expect(page).toHaveURL(/\/admin\/outbox\/[0-9a-f-]{36}\?resent=(now|already)$/);
  expect(page.url().split("?")[0]).not.toBe(originalUrl);
  await expect(page.getByRole("main").getByRole("status")).toContainText(/^(Resent|It had been resent already)/);
  await expect(
    page.getByRole("link", { name: /^The failed delivery created .+, now temporary-failure$/ }),
  ).toBeVisible();

  // The worker sends it to the simulator, where the same number fails the same way: its history moves on.
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("listitem").filter({ hasText: /^temporary-failure at/ })).toBeVisible({
      timeout: 1000,
    });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByRole("listitem").filter({ hasText: /^pending at .+\(request\): resend of/ })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: /^sending at/ })).toBeVisible();
  await expectNoAccessibilityViolations(page);
  const resendUrl = page.url().split("?")[0]!;

  // The failed one is as it was, links to its resend, and is not offered again.
  await page.getByRole("link", { name: /^The failed delivery created/ }).click();
  await expect(page).toHaveURL(originalUrl);
  await expect(
    page.getByRole("link", { name: /^The new delivery created .+, now temporary-failure$/ }),
  ).toHaveAttribute("href", new URL(resendUrl).pathname);
  await expect(page.getByRole("link", { name: "Resend this text message" })).toHaveCount(0);
  await expectNoAccessibilityViolations(page);

  // Exactly one resend, however many presses.
  await page.goto("/admin/outbox?channel=sms");
  await expect(
    page.getByRole("table", { name: "Deliveries, newest first" }).getByRole("row").filter({ hasText: "a resend" }),
  ).toHaveCount(1);
});

test("only admins may resend: a finance officer cannot open a delivery", async ({ page, browser }) => {
  await page.goto("/admin/outbox?channel=sms");
  const link = page.getByRole("table", { name: "Deliveries, newest first" }).getByRole("link").first();
  const href = (await link.getAttribute("href"))!;
  const context = await browser.newContext({ storageState: storageStates.financeOfficer });
  const officer = await context.newPage();
  const response = await officer.goto(`${href}?confirm=resend`);
  expect(response?.status()).toBe(403);
  await expect(officer.getByRole("button", { name: /resend/i })).toHaveCount(0);
  await context.close();
});
