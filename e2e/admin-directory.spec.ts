import { expect, test, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./support/accessibility";
import { storageStates } from "./support/constants";
import { newServiceContext } from "./support/service-api";
import { signInAs } from "./support/sign-in";

// Issue 11's journey: an administrator sets up a team and a person in it in the browser; the person
// signs in (the demo sign-in offers them), gets the team's notification, and loses access when
// disabled. The person is disabled by the end, so the demo sign-in offers only the seeded people again.

/** The GOV.UK error summary: it takes focus and links to each field with a problem. */
async function expectSummaryListing(page: Page, messages: (string | RegExp)[]): Promise<void> {
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  for (const message of messages) await expect(summary.getByRole("link", { name: message }).first()).toBeVisible();
  await expect(page.locator(":focus")).toContainText("There is a problem");
}

test.describe("as an admin", () => {
  test.use({ storageState: storageStates.admin });

  test("adds a team and a person in it, who signs in, gets the team's notification and loses access when disabled", async ({
    page,
    browser,
    playwright,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const stamp = Date.now().toString(36);
    const teamKey = `lettings-${stamp}`;
    const teamName = `Lettings ${stamp}`;
    const name = `Nia Lettings${stamp}`;
    const email = `nia.${stamp}@council.example`;

    await test.step("adds a team, told first what is missing", async () => {
      await page.goto("/admin/teams");
      await expect(page.getByRole("heading", { level: 1, name: "Teams" })).toBeVisible();
      await expect(page.getByRole("rowheader", { name: "Finance" })).toBeVisible();
      await expectNoAccessibilityViolations(page);
      await page.getByRole("button", { name: "Add team" }).click();
      await expectSummaryListing(page, [/lower-case letters and digits/, "Enter the team's name"]);
      await expect(page.getByLabel("Team name")).toHaveAccessibleDescription(/Enter the team's name/);
      await expectNoAccessibilityViolations(page);
      await page.getByLabel("Key", { exact: true }).fill(teamKey);
      await page.getByLabel("Team name").fill(teamName);
      await page.getByRole("button", { name: "Add team" }).click();
      await expect(page).toHaveURL(new RegExp(`/admin/teams/${teamKey}`));
      await expect(page.getByRole("status").filter({ hasText: "Team added" })).toBeVisible();
      await expect(page.getByRole("heading", { level: 1, name: teamName })).toBeVisible();
      await expectNoAccessibilityViolations(page);
    });

    await test.step("adds a staff member to the team, told first what staff need", async () => {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
      await expectNoAccessibilityViolations(page);
      await page.getByRole("link", { name: "Add a person" }).click();
      await page.getByLabel("Full name").fill(name);
      await page.getByRole("button", { name: "Add person" }).click();
      await expectSummaryListing(page, [/Staff sign in by email/, "Give staff at least one role"]);
      await expect(page.getByRole("group", { name: "Roles" })).toContainText("Give staff at least one role");
      await expect(page.getByLabel("Full name")).toHaveValue(name);
      await expectNoAccessibilityViolations(page);
      await page.getByLabel("Email address").fill(email);
      await page.getByRole("group", { name: "Roles" }).getByRole("checkbox", { name: "Housing officer" }).check();
      await page.getByRole("group", { name: "Teams" }).getByRole("checkbox", { name: teamName }).check();
      await page.getByRole("button", { name: "Add person" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Person added" })).toBeVisible();
      await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
      await expectNoAccessibilityViolations(page);

      await page.goto(`/admin/people?q=${encodeURIComponent(name.split(" ")[1]!)}&team=${teamKey}`);
      await expect(page.getByRole("rowheader", { name })).toBeVisible();
      await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText(teamKey);
    });

    // A browser of their own: a new context would otherwise start with this test's admin sign-in.
    const personContext = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    const personPage = await personContext.newPage();
    await test.step("the new person signs in with the demo sign-in and gets the team's notification", async () => {
      await signInAs(personPage, `Sign in as ${name} (Housing officer)`);
      const service = await newServiceContext(playwright, baseURL);
      const message = `Keys for flat 4 are ready ${stamp}`;
      const created = await service.post("/api/v1/notifications", {
        data: { notificationType: "Screen", message, recipient: { team: teamKey } },
      });
      expect(created.status(), await created.text()).toBe(201);
      await service.dispose();
      await expect(personPage.getByRole("article", { name: message })).toBeVisible({ timeout: 10_000 });
      expect((await personPage.request.get("/api/v1/me")).status()).toBe(200);
    });

    await test.step("imports a file: problems by line first, then a preview, then the change", async () => {
      await page.goto("/admin/people/import");
      await expect(page.getByRole("heading", { level: 1, name: "Import people" })).toBeVisible();
      await expectNoAccessibilityViolations(page);
      const upload = (csv: string) =>
        page
          .getByLabel("CSV file")
          .setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
      await upload("email,name\nnot-an-email,Someone\n");
      await page.getByRole("button", { name: "Preview changes" }).click();
      await expectSummaryListing(page, [/^line 2: email: /]);
      await expectNoAccessibilityViolations(page);

      await upload(`email,mobileNumber\n${email},07700 900 123\n`);
      await page.getByRole("button", { name: "Preview changes" }).click();
      const preview = page.getByRole("heading", { name: "Preview of people.csv" });
      await expect(preview).toBeFocused();
      await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText(
        "mobileNumber: (blank) → 447700900123",
      );
      await expectNoAccessibilityViolations(page);
      await page.getByRole("button", { name: "Import 1 change" }).press("Enter");
      await expect(page.getByRole("heading", { name: "people.csv imported" })).toBeFocused();
      await expect(
        page.getByRole("status").filter({ hasText: "0 added, 1 changed, 0 already up to date" }),
      ).toBeVisible();
    });

    await test.step("disables them after a confirmation, and their open tab loses access", async () => {
      await page.goto("/admin/people");
      await page.getByLabel("Name or email").fill(email);
      await page.getByRole("button", { name: "Apply filters" }).click();
      await page.getByRole("link", { name }).click();
      await expect(page.getByRole("link", { name: `Change history for ${name}` })).toBeVisible();
      await page.getByRole("link", { name: `Disable ${name}` }).click();
      await expect(page.getByRole("heading", { name: `Disable ${name}?` })).toBeVisible();
      await expectNoAccessibilityViolations(page);
      await page.getByRole("button", { name: `Yes, disable ${name}` }).click();
      await expect(page.getByRole("status").filter({ hasText: "Disabled" })).toBeVisible();
      await expect(page.getByRole("link", { name: `Enable ${name}` })).toBeVisible();
      await expectNoAccessibilityViolations(page);

      expect((await personPage.request.get("/api/v1/me")).status()).toBe(401);
      await personPage.reload();
      await expect(personPage).toHaveURL(/\/signin/);
      await expect(personPage.getByRole("button", { name: `Sign in as ${name} (Housing officer)` })).toHaveCount(0);
    });
    await personContext.close();

    await page.getByRole("link", { name: `Change history for ${name}` }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Activity history" })).toBeVisible();
  });
});

test.describe("as a finance officer", () => {
  test.use({ storageState: storageStates.financeOfficer });

  test("cannot open the directory pages", async ({ page }) => {
    for (const path of ["/admin/people", "/admin/people/new", "/admin/people/import", "/admin/teams"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
    }
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" })).toHaveCount(0);
    await expectNoAccessibilityViolations(page);
  });
});
