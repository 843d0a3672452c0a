import { expect, test } from "@playwright/test";
import { noAccessPath } from "../lib/auth/no-access-link";
import { expectNoAccessibilityViolations } from "./support/accessibility";
import { e2eAuthSecret } from "./support/constants";

const everyRole = [
  "Finance officer",
  "Finance manager",
  "Repairs manager",
  "Repairs contractor",
  "DLO supervisor",
  "RCC supervisor",
  "Housing officer",
  "Admin",
];

test("a person signs in as a demo user, reaches their empty inbox and signs out", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  for (const role of everyRole) {
    await expect(page.getByRole("button", { name: new RegExp(`^Sign in as .+ \\(${role}\\)$`) }).first()).toBeVisible();
  }
  await expect(page.getByRole("button", { name: /\(Resident\)$/ })).toHaveCount(2);
  await expectNoAccessibilityViolations(page);

  // Signing out ends every session of the person, the journeys' saved ones included, so this signs in
  // as someone no other journey signs in as. The contractor's team has no demo notifications.
  await page.getByRole("button", { name: "Sign in as Carl Dyer (Repairs contractor)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
  await expect(page.getByText("Signed in as Carl Dyer")).toBeVisible();
  await expect(page.getByRole("heading", { name: "You have no notifications" })).toBeVisible();
  await expectNoAccessibilityViolations(page);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
});

test("the sign-in page explains a failed sign-in", async ({ page }) => {
  await page.goto("/signin?error=AccessDenied");
  // Next's route announcer is an alert too, so find ours by its heading.
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText(
    "not set up for the Notification Centre",
  );
  await expectNoAccessibilityViolations(page);
});

test("a refused single sign-on says which email was used and whom to ask", async ({ page }) => {
  // Where signIn sends someone the council's identity provider knows but this service does not.
  await page.goto(noAccessPath("zoe.<b>new</b>@council.example", e2eAuthSecret));
  await expect(page.getByRole("heading", { level: 1, name: "You do not have access yet" })).toBeVisible();
  await expect(page.getByText("You signed in as zoe.<b>new</b>@council.example")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Ask your administrator" })).toBeVisible();
  await expectNoAccessibilityViolations(page);

  // A crafted link names nobody.
  await page.goto("/signin/no-access?email=ceo%40council.example&check=forged");
  await expect(page.getByText("The account you signed in with has not been given access")).toBeVisible();
  await expect(page.getByText("ceo@council.example")).toHaveCount(0);
  await page.getByRole("link", { name: "Sign in with a different account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
});

// The review's open redirect: browsers read `/\host` and `/<TAB>/host` as `//host`, another site.
test.describe("a sign-in link that names another site", () => {
  for (const callbackUrl of ["/%5Cevil.example/", "/%09/evil.example/", "/%0D%0A/evil.example/", "//evil.example/"]) {
    test(`ends on this site: callbackUrl=${callbackUrl}`, async ({ page, baseURL }) => {
      // Nothing leaves the machine: a request for the other site is answered here, and remembered.
      const escaped: string[] = [];
      await page.route(
        (url) => url.hostname === "evil.example",
        (route) => {
          escaped.push(route.request().url());
          return route.fulfill({ contentType: "text/plain", body: "another site" });
        },
      );
      const site = new URL(baseURL!).origin;

      await page.goto(`/signin?callbackUrl=${callbackUrl}`);
      await page.getByRole("button", { name: "Sign in as Hana Osei (Housing officer)" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
      expect(new URL(page.url()).origin).toBe(site);

      // Signed in already, the sign-in page sends the person straight on: to this site's home page.
      await page.goto(`/signin?callbackUrl=${callbackUrl}`);
      await expect(page.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
      expect(page.url()).toBe(`${site}/`);
      expect(escaped).toEqual([]);
    });
  }
});
