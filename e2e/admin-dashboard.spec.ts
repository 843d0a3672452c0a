import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./support/accessibility";
import { e2eApiKey, e2eMetricsToken, storageStates } from "./support/constants";

const bearer = { authorization: `Bearer ${e2eApiKey}` };
const charts = [
  { title: "Messages per day by channel", series: ["Email", "Text message", "Letter"] },
  { title: "Messages per day by status", series: ["Delivered", "In progress", "Failed", "Cancelled"] },
];

/** Sends one email through the API and waits for the simulator to deliver it, so today has a message. */
async function sendAnEmail(page: Page) {
  const { request } = page;
  const templates = await request.get("/api/v1/templates?type=email", { headers: bearer });
  const template = (
    (await templates.json()) as { results: { id: string; name: string; personalisation: string[] }[] }
  ).results.find((candidate) => /visit due/i.test(candidate.name))!;
  const created = await request.post("/api/v1/notifications", {
    headers: bearer,
    data: {
      notificationType: "Email",
      serviceKey: "housing",
      templateId: template.id,
      email: "dashboard.check@example.com",
      personalisationParams: Object.fromEntries(
        template.personalisation.map((field) => [field, field === "urgent" ? "no" : `Dashboard ${field}`]),
      ),
    },
  });
  expect(created.status(), await created.text()).toBe(201);
}

/** Presses Tab until `target` has focus: it can be reached from the keyboard, in order. */
async function tabTo(page: Page, target: Locator) {
  for (let presses = 0; presses < 80; presses++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error("Not reachable with the Tab key");
}

test.describe("as an admin", () => {
  test.use({ storageState: storageStates.admin });

  test("the operations dashboard shows charts whose numbers are the tables' numbers", async ({ page }) => {
    // Some 60 Tab presses and 28 arrow steps, each checked against a table row, then axe: ~36 s on
    // a loaded 2-core machine, past the 30 s default.
    test.slow();
    await sendAnEmail(page);
    await page.goto("/admin");
    await expect(page.getByRole("heading", { level: 1, name: "Operations" })).toBeVisible();
    await expect(page.getByText("Messages in the last 24 hours")).toBeVisible();

    for (const chart of charts) {
      const svg = page.getByRole("application", { name: chart.title });
      await expect(svg).toBeVisible();
      expect(await svg.evaluate((element) => element.tagName.toLowerCase())).toBe("svg");

      // The table view: behind a disclosure once the chart is drawn, opened from the keyboard.
      const disclosure = page.getByText(`Show as table: ${chart.title}`, { exact: false }).first();
      const summary = page.locator("summary").filter({ hasText: chart.title });
      await tabTo(page, summary);
      await page.keyboard.press("Enter");
      const table = page.getByRole("table", { name: chart.title });
      await expect(table).toBeVisible();
      await expect(disclosure).toBeVisible();
      const rows = table.getByRole("row");
      await expect(rows).toHaveCount(15);
      const headers = await rows.first().getByRole("columnheader").allInnerTexts();
      expect(headers.map((text) => text.trim())).toEqual(["Day", ...chart.series, "Total"]);

      // The chart from the keyboard: the arrow keys step through the days, each showing its figures
      // in the tooltip, and every day's figures there are that day's row of the table.
      await tabTo(page, svg);
      const tooltip = page.getByRole("region", { name: chart.title }).locator(".recharts-tooltip-wrapper");
      const label = tooltip.locator(".recharts-tooltip-label");
      const days = (await rows.getByRole("rowheader").allInnerTexts()).map((text) => text.trim());
      await page.keyboard.press("ArrowRight");
      await expect(label).not.toHaveText("");
      const first = days.indexOf((await label.innerText()).trim());
      expect(first, "the first arrow shows the first or second day").toBeGreaterThanOrEqual(0);
      expect(first).toBeLessThanOrEqual(1);
      for (let index = first; index < days.length; index++) {
        const cells = (
          await rows
            .nth(index + 1)
            .getByRole("cell")
            .allInnerTexts()
        ).map((text) => text.trim());
        await expect(label).toHaveText(days[index]!);
        for (const [position, name] of chart.series.entries())
          await expect(tooltip, `${chart.title}, ${days[index]}, ${name}`).toContainText(
            `${name} : ${cells[position]}`,
          );
        if (index < days.length - 1) await page.keyboard.press("ArrowRight");
      }
      const today = (await rows.nth(14).getByRole("cell").allInnerTexts()).map((text) => Number(text.trim()));
      expect(today.at(-1), "today's total counts the email just sent").toBeGreaterThanOrEqual(1);
    }

    await expect(page.getByRole("table", { name: "GOV.UK Notify rate limit" })).toContainText("housing");
    await expect(page.getByRole("table", { name: "Queues" })).toContainText("delivery-send");
    await expectNoAccessibilityViolations(page);
  });

  test("with JavaScript off the numbers are all there as tables", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStates.admin, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/admin");
    for (const chart of charts) {
      await expect(page.getByRole("table", { name: chart.title })).toBeVisible();
      await expect(page.getByRole("table", { name: chart.title }).getByRole("row")).toHaveCount(15);
    }
    await expect(page.getByRole("application")).toHaveCount(0);
    await context.close();
  });
});

test("the dashboard is for admins only", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStates.financeOfficer });
  const page = await context.newPage();
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  await context.close();
});

test("GET /metrics answers Prometheus with the token, and refuses without it rather than asking to sign in", async ({
  request,
}) => {
  const refused = await request.get("/metrics", { maxRedirects: 0 });
  expect(refused.status()).toBe(401);
  expect(refused.headers()["content-type"]).toMatch(/^application\/problem\+json/);
  const scraped = await request.get("/metrics", { headers: { authorization: `Bearer ${e2eMetricsToken}` } });
  expect(scraped.status()).toBe(200);
  const text = await scraped.text();
  expect(text).toMatch(/^notification_centre_queue_jobs\{queue="delivery-send",state="ready"\} \d+$/m);
  expect(text).toMatch(/^notification_centre_notify_rate_limit_per_minute\{service="housing"\} \d+$/m);
});
