import { expect, test } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./support/accessibility";
import { e2eApiKey, storageStates } from "./support/constants";

test.use({ storageState: storageStates.admin });

const bearer = { authorization: `Bearer ${e2eApiKey}` };

test("an admin follows an email from the API to delivered in the outbox, with its rendered message", async ({
  page,
  request,
}) => {
  const templates = await request.get("/api/v1/templates?type=email", { headers: bearer });
  expect(templates.status()).toBe(200);
  const visitDue = (
    (await templates.json()) as { results: { id: string; name: string; personalisation: string[] }[] }
  ).results.find((template) => /visit due/i.test(template.name))!;
  const personalisation = Object.fromEntries(
    visitDue.personalisation.map((field) => [field, field === "urgent" ? "no" : `Outbox ${field}`]),
  );
  const created = await request.post("/api/v1/notifications", {
    headers: bearer,
    data: {
      notificationType: "Email",
      serviceKey: "housing",
      templateId: visitDue.id,
      email: "outbox.check@example.com",
      personalisationParams: personalisation,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  // The in-app worker sends it to the local Notify simulator, whose callback says delivered.
  await expect
    .poll(
      async () =>
        (
          (await (await request.get(`/api/v1/notifications/${id}`, { headers: bearer })).json()) as {
            deliveries: { status: string }[];
          }
        ).deliveries[0]?.status,
      {
        timeout: 15_000,
      },
    )
    .toBe("delivered");

  await page.goto("/admin/outbox?channel=email");
  await expect(page.getByRole("heading", { level: 1, name: "Outbox" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "delivered" }).filter({ hasText: "o•••@example.com" }).first();
  await expect(row).toBeVisible();
  await expectNoAccessibilityViolations(page);

  await row.getByRole("link").click();
  await expect(page.getByRole("region", { name: "Rendered message" })).toContainText("Outbox title");
  await expect(page.getByRole("heading", { name: "Status history" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: /^delivered at/ })).toBeVisible();
  await expectNoAccessibilityViolations(page);
});

test("the outbox is for admins only", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStates.financeOfficer });
  const page = await context.newPage();
  const response = await page.goto("/admin/outbox");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "You do not have access to this page" })).toBeVisible();
  await context.close();
});
