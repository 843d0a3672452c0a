import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./support/accessibility";
import { demoRecords, e2eApiKey, storageStates } from "./support/constants";

test.use({ storageState: storageStates.financeOfficer });

async function postNotification(request: APIRequestContext, body: Record<string, unknown>): Promise<string> {
  const response = await request.post("/api/v1/notifications", {
    headers: { authorization: `Bearer ${e2eApiKey}` },
    data: { notificationType: "Screen", targetType: "tenure", targetId: demoRecords.rosaTenure, ...body },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const unreadBadge = (page: Page) => page.getByRole("link", { name: /^\d+ unread notifications?$/ });
const unreadCount = async (page: Page) => Number((await unreadBadge(page).getAttribute("aria-label"))!.split(" ")[0]);

test("a finance officer sees a new item arrive live, acknowledges it by keyboard, and a colleague sees it claimed", async ({
  page,
  browser,
  request,
}) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
  const colleagueContext = await browser.newContext({ storageState: storageStates.financeColleague });
  const colleague = await colleagueContext.newPage();
  await colleague.goto("/?status=actionRequired");
  await expect(colleague.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
  const before = await unreadCount(page);

  const message = `Estimate E-${randomUUID().slice(0, 8)} for a new boiler is ready to approve`;
  const id = await postNotification(request, { category: "estimateApproval", message, recipient: { team: "finance" } });

  // No reload: the stream brings the item and the badge rises.
  const item = page.getByRole("article", { name: message });
  await expect(item).toBeVisible({ timeout: 5_000 });
  await expect(unreadBadge(page)).toHaveAccessibleName(
    `${before + 1} unread notification${before + 1 === 1 ? "" : "s"}`,
  );
  await expect(colleague.getByRole("article", { name: message })).toBeVisible({ timeout: 5_000 });
  await expect(item.getByRole("link", { name: "Approve estimate" })).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/inbox.png", fullPage: true });
  await expectNoAccessibilityViolations(page);

  // Keyboard only: open the dialog, choose Approve, write the note, try Escape, submit.
  await item.getByRole("button", { name: /^Record action/ }).focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Record what you did" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(message);
  await dialog.getByRole("radio", { name: /Approve/ }).focus();
  await page.keyboard.press("Space");
  await expect(dialog.getByRole("radio", { name: /Approve/ })).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("textbox", { name: "Note (required)" })).toBeFocused();
  await page.keyboard.type("Checked against the framework rates");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("textbox", { name: "Note (required)" })).toHaveValue(
    "Checked against the framework rates",
  );
  await page.screenshot({ path: "e2e/screenshots/acknowledge-dialog.png" });
  await expectNoAccessibilityViolations(page);
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "Record action" })).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(dialog).toBeHidden();
  await expect(item).toContainText(/Approved by Fiona Finch at \d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}/);
  // The colleague's action list loses it without a reload: it was claimed.
  await expect(colleague.getByRole("article", { name: message })).toBeHidden({ timeout: 5_000 });
  await colleagueContext.close();

  await page.goto(`/notifications/${id}`);
  const trail = page.getByRole("table", { name: /Every action recorded/ });
  await expect(
    trail.getByRole("row", { name: /Fiona Finch Approved Checked against the framework rates/ }),
  ).toBeVisible();
  await expectNoAccessibilityViolations(page);
});

test("archive, and mark all read without swallowing what arrives afterwards", async ({ page, request }) => {
  const tag = randomUUID().slice(0, 8);
  const first = `Account ${tag} paid off in full`;
  const second = `New tenure ${tag} added`;
  await postNotification(request, { category: "missedServiceCharge", message: first, recipient: { team: "finance" } });
  await postNotification(request, { category: "newTenure", message: second, recipient: { team: "finance" } });
  await page.goto("/");
  await expect(page.getByRole("article", { name: second })).toBeVisible();

  await page
    .getByRole("article", { name: first })
    .getByRole("button", { name: /^Archive/ })
    .click();
  await expect(page.getByRole("article", { name: first })).toBeHidden();
  await page
    .getByRole("navigation", { name: "Inbox views" })
    .getByRole("link", { name: /^Archived/ })
    .click();
  await expect(page).toHaveURL(/status=archived/);
  await expect(page.getByRole("article", { name: first })).toBeVisible();
  await expectNoAccessibilityViolations(page);

  await page.goto("/?status=unread");
  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(page.getByRole("status").filter({ hasText: /marked as read/ })).toBeVisible();
  await expect(unreadBadge(page)).toHaveAccessibleName("0 unread notifications");
  const later = `Arrived after mark-all-read ${tag}`;
  await postNotification(request, { category: "newProperty", message: later, recipient: { team: "finance" } });
  await expect(unreadBadge(page)).toHaveAccessibleName("1 unread notification");
  await expect(page.getByRole("article", { name: later })).toBeVisible();

  await page.getByRole("searchbox", { name: "Search messages" }).fill(tag);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${tag}`));
  await expect(page.getByRole("article", { name: later })).toBeVisible();
  await expectNoAccessibilityViolations(page);
});

test("the inbox and its dialog fit a 320 px wide screen", async ({ page, request }) => {
  await page.setViewportSize({ width: 320, height: 720 });
  const message = `Narrow screen check ${randomUUID().slice(0, 8)}`;
  await postNotification(request, { category: "suspenseAccountTransfer", message, recipient: { team: "finance" } });
  await page.goto("/?status=actionRequired");
  const item = page.getByRole("article", { name: message });
  await expect(item).toBeVisible();
  const overflow = () =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  await item.getByRole("button", { name: /^Record action/ }).click();
  await expect(page.getByRole("dialog", { name: "Record what you did" })).toBeVisible();
  expect(await overflow()).toBeLessThanOrEqual(0);
  await expectNoAccessibilityViolations(page);
});

test("a link to an item that is not on the loaded page still opens its dialog", async ({ page, request }) => {
  const message = `Linked from elsewhere ${randomUUID().slice(0, 8)}`;
  const id = await postNotification(request, {
    category: "suspenseAccountTransfer",
    message,
    recipient: { team: "finance" },
  });
  // The filter leaves the item (about a tenure) off the list, as a desktop alert's link might.
  await page.goto(`/?targetType=workOrder&item=${id}`);
  const dialog = page.getByRole("dialog", { name: "Record what you did" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(message);
  await expect(page.getByRole("article", { name: message })).toHaveCount(0);
  await expectNoAccessibilityViolations(page);
});
