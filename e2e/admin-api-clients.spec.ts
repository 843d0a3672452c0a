import { expect, test } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./support/accessibility";
import { storageStates } from "./support/constants";

test.describe("as an admin", () => {
  test.use({ storageState: storageStates.admin });

  test("issues a key that works at once and stops working when revoked", async ({ page, playwright, baseURL }) => {
    await page.goto("/admin/api-clients");
    await expect(page.getByRole("heading", { level: 1, name: "API clients" })).toBeVisible();
    await expect(page.getByRole("rowheader", { name: "demo-service" })).toBeVisible();
    await expectNoAccessibilityViolations(page);

    await page.getByRole("button", { name: "Issue key" }).click();
    // Each message twice, as GOV.UK shows it: a link in the summary (which takes focus), and by its field.
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await expect(summary.getByRole("link", { name: "Choose at least one scope" })).toBeVisible();
    await expect(summary.getByRole("link", { name: "Enter a name of at least 3 characters" })).toBeVisible();
    await expect(page.locator(":focus")).toContainText("There is a problem");
    await expect(page.getByRole("group", { name: "Scopes" })).toContainText("Choose at least one scope");
    await expect(page.getByLabel("Service name")).toHaveAccessibleDescription(/Enter a name of at least 3 characters/);
    await expectNoAccessibilityViolations(page);

    // The CSV export is its own scope, never implied by activity:read.
    await expect(page.getByRole("checkbox", { name: "activity:export" })).toHaveAccessibleDescription(
      /Export activity history as CSV/,
    );

    const name = `repairs-hub-${Date.now()}`;
    await page.getByLabel("Service name").fill(name);
    await page.getByRole("checkbox", { name: "notifications:read" }).check();
    await page.getByRole("button", { name: "Issue key" }).click();
    const keyField = page.getByLabel(`API key for ${name}`);
    await expect(keyField).toBeVisible();
    const key = await keyField.inputValue();
    expect(key).toMatch(/^nck_/);
    await expectNoAccessibilityViolations(page);

    const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${key}` } });
    const me = await api.get("/api/v1/me");
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ kind: "client", name, scopes: ["notifications:read"] });

    await page.getByRole("button", { name: `Revoke ${name}` }).click();
    await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("Revoked");
    expect((await api.get("/api/v1/me")).status()).toBe(401);
    await api.dispose();
  });
});

test.describe("as a finance officer", () => {
  test.use({ storageState: storageStates.financeOfficer });

  test("cannot manage API clients", async ({ page }) => {
    await page.goto("/admin/api-clients");
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Issue key" })).toHaveCount(0);
    await expectNoAccessibilityViolations(page);
  });
});
