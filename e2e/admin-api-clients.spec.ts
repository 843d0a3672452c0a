import { expect, test, type Page, type PlaywrightWorkerArgs, type Request } from "@playwright/test";
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

// Issue 10: the admin server actions once answered a non-admin with a 500. A server action is a
// POST anyone can send, so an officer replays the exact request the admin's browser would have
// sent (captured and stopped here) and gets the policy's answer: 403, "You do not have access".
test.describe("the admin server actions, posted by a finance officer", () => {
  test.use({ storageState: storageStates.admin });

  async function captureActionPost(page: Page, submit: () => Promise<void>): Promise<Request> {
    let captured: Request | undefined;
    await page.route("**/admin/api-clients", (route) => {
      if (route.request().method() !== "POST") return route.continue();
      captured = route.request();
      return route.abort();
    });
    await submit();
    await expect.poll(() => captured).toBeDefined();
    await page.unroute("**/admin/api-clients");
    return captured!;
  }

  async function replayAsOfficer(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string, post: Request) {
    const officer = await playwright.request.newContext({ baseURL, storageState: storageStates.financeOfficer });
    const headers = await post.allHeaders();
    const response = await officer.post("/admin/api-clients", {
      headers: Object.fromEntries(
        Object.entries(headers).filter(
          ([name]) => name === "content-type" || name.startsWith("next-") || name === "accept",
        ),
      ),
      data: post.postDataBuffer() ?? undefined,
    });
    const status = response.status();
    await officer.dispose();
    return status;
  }

  test("issuing a key is refused with 403 and issues nothing", async ({ page, playwright, baseURL }) => {
    await page.goto("/admin/api-clients");
    const name = `officer-made-${Date.now()}`;
    await page.getByLabel("Service name").fill(name);
    await page.getByRole("checkbox", { name: "notifications:write" }).check();
    const post = await captureActionPost(page, () => page.getByRole("button", { name: "Issue key" }).click());
    expect(post.headers()["next-action"]).toBeTruthy();

    expect(await replayAsOfficer(playwright, baseURL!, post)).toBe(403);
    await page.goto("/admin/api-clients");
    await expect(page.getByRole("rowheader", { name })).toHaveCount(0);
  });

  test("revoking a key is refused with 403 and the key keeps working", async ({ page, playwright, baseURL }) => {
    await page.goto("/admin/api-clients");
    const name = `revoke-target-${Date.now()}`;
    await page.getByLabel("Service name").fill(name);
    await page.getByRole("checkbox", { name: "notifications:read" }).check();
    await page.getByRole("button", { name: "Issue key" }).click();
    const key = await page.getByLabel(`API key for ${name}`).inputValue();

    await page.reload();
    const post = await captureActionPost(page, () => page.getByRole("button", { name: `Revoke ${name}` }).click());
    expect(await replayAsOfficer(playwright, baseURL!, post)).toBe(403);

    const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${key}` } });
    expect((await api.get("/api/v1/me")).status()).toBe(200);
    await api.dispose();
  });
});
