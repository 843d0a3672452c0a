import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./support/accessibility";
import { demoRecords, e2eApiKey, storageStates } from "./support/constants";

// Every follow-on link a resident is given opens for them: a category's default (a staff
// timeline for officers) becomes the resident's own history entry, and a link the caller gave
// stays as given. One item goes to the resident and the Repairs team together (recipients).

test.use({ storageState: storageStates.resident });

async function postNotification(request: APIRequestContext, body: Record<string, unknown>): Promise<string> {
  const response = await request.post("/api/v1/notifications", {
    headers: { authorization: `Bearer ${e2eApiKey}` },
    data: {
      notificationType: "Screen",
      category: "noAccess",
      targetType: "workOrder",
      targetId: demoRecords.workOrder,
      recipients: [{ personId: demoRecords.rosaPerson }, { team: "repairs" }],
      ...body,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

test("a resident opens every follow-on link they are given", async ({ page, request }) => {
  // It opens every link in the inbox, one request each, then checks a page with axe.
  test.slow();
  const message = `We could not get in to fix your boiler (${randomUUID().slice(0, 8)})`;
  const id = await postNotification(request, { message });
  await postNotification(request, { message: `${message}, again`, actionUrl: "/my/history?show=changes" });

  // Every link in the resident's inbox, the seeded ones included, answers them 200.
  const inbox = await page.request.get("/api/v1/notifications?pageSize=100");
  expect(inbox.status()).toBe(200);
  const links = ((await inbox.json()) as { results: { actionUrl: string | null }[] }).results.flatMap((item) =>
    item.actionUrl ? [item.actionUrl] : [],
  );
  expect(links).toContain(`/my/history?show=notifications#entry-${id}`);
  expect(links).toContain("/my/history?show=changes");
  for (const link of new Set(links)) {
    // A caller's own link elsewhere (the seeded survey) is theirs to keep working; ours must open.
    if (link.startsWith("https://")) continue;
    expect(link, "a resident's link on this site is a path").toMatch(/^\//);
    const opened = await page.request.get(link);
    expect(opened.status(), link).toBe(200);
  }

  // The item's own link, followed from the inbox, lands on its entry in their history.
  await page.goto("/");
  const item = page.getByRole("article", { name: message, exact: true });
  await item.getByRole("link", { name: "Arrange access" }).click();
  await expect(page).toHaveURL(new RegExp(`/my/history\\?show=notifications#entry-${id}$`));
  await expect(page.getByRole("heading", { level: 1, name: "My history" })).toBeVisible();
  await expect(page.locator(`#entry-${id}`)).toBeVisible();
  await expect(page.getByText(message, { exact: true })).toBeVisible();
  await expectNoAccessibilityViolations(page);
});
