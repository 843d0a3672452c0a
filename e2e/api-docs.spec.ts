import { expect, test } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./support/accessibility";
import { e2eApiKey, storageStates } from "./support/constants";

test.use({ storageState: storageStates.financeOfficer });

test("the API documentation lists the operations from the OpenAPI document", async ({ page, request }) => {
  await page.goto("/api/docs");
  await expect(page.getByRole("heading", { level: 1, name: "Notification Centre API" })).toBeVisible();
  await expect(page.getByRole("region", { name: "GET /api/v1/health", exact: true })).toBeVisible();
  await expectNoAccessibilityViolations(page);

  const document = await (await request.get("/api/v1/openapi.json")).json();
  expect(document.openapi).toBe("3.1.0");
  const me = await request.get("/api/v1/me", { headers: { authorization: `Bearer ${e2eApiKey}` } });
  expect(await me.json()).toMatchObject({ kind: "client", name: "demo-service" });
});

test("an unknown address shows a helpful page", async ({ page }) => {
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to your inbox" })).toBeVisible();
  await expectNoAccessibilityViolations(page);
});
