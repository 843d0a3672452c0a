import fs from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./support/accessibility";
import { storageStates } from "./support/constants";
import { newServiceContext } from "./support/service-api";

// Issue 11's personal data in the browser: an administrator downloads everything held about a
// resident (subject access), then erases them after confirming it cannot be undone, and sees what
// was erased. The resident is made by this spec, so the seeded people stay as they are.

test.use({ storageState: storageStates.admin });

test("an admin downloads a resident's data, erases them after confirming, and sees what was erased", async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36);
  const name = `Wren Saltmarsh${stamp}`;
  const email = `wren.${stamp}@resident.example`;
  const message = `Dear ${name}, your gas safety check is booked`;

  const service = await newServiceContext(playwright, baseURL);
  const created = await service.post("/api/v1/people", {
    data: { name, kind: "resident", email, mobileNumber: "07700 900 321" },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const sent = await service.post("/api/v1/notifications", {
    data: { notificationType: "Screen", message, recipient: { userId: id }, requireAction: false },
  });
  expect(sent.status(), await sent.text()).toBe(201);
  await service.dispose();
  const admin = (await (await page.request.get("/api/v1/me")).json()) as { name: string };

  await test.step("downloads everything held about them as one JSON file", async () => {
    await page.goto(`/admin/people/${id}`);
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Personal data" })).toBeVisible();
    await expectNoAccessibilityViolations(page);
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download everything we hold (subject access)" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(new RegExp(`^person-${id}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
    const file = JSON.parse(await fs.readFile((await download.path())!, "utf8")) as {
      person: { name: string; email: string };
      notifications: { message: string }[];
    };
    expect(file.person).toMatchObject({ name, email });
    expect(file.notifications.map((notification) => notification.message)).toEqual([message]);
  });

  await test.step("is asked to confirm, and told so when they have not", async () => {
    await page.getByRole("link", { name: "Erase this person's personal data" }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/people/${id}/erase$`));
    await expect(page.getByRole("heading", { level: 1, name: `Erase ${name}'s personal data` })).toBeVisible();
    await expect(page.getByText("This cannot be undone.")).toBeVisible();
    await expectNoAccessibilityViolations(page);

    await page.getByRole("button", { name: `Erase ${name}'s personal data` }).click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    const problem = "Confirm that you understand erasing cannot be undone";
    await expect(page.locator(":focus")).toContainText("There is a problem");
    await expect(page.getByRole("group", { name: "Confirm the erasure" })).toContainText(problem);
    await expectNoAccessibilityViolations(page);
    // Nothing was erased by the refused attempt.
    expect(((await (await page.request.get(`/api/v1/people/${id}`)).json()) as { name: string }).name).toBe(name);

    // By keyboard: the summary's link puts focus in the box, Space ticks it, Enter on the button erases.
    await summary.getByRole("link", { name: problem }).press("Enter");
    const box = page.getByRole("checkbox", { name: "I understand this cannot be undone" });
    await expect(box).toBeFocused();
    await page.keyboard.press("Space");
    await expect(box).toBeChecked();
    await page.getByRole("button", { name: `Erase ${name}'s personal data` }).press("Enter");
  });

  await test.step("sees what was erased, with focus on it, and the person shown as erased", async () => {
    await expect(page).toHaveURL(new RegExp(`/admin/people/${id}\\?saved=erased$`));
    await expect(page.getByRole("heading", { level: 1, name: "Erased person" })).toBeVisible();
    const outcome = page.getByRole("heading", { level: 2, name: "Personal data erased" });
    await expect(outcome).toBeFocused();
    await expect(page.getByRole("region", { name: "Personal data erased" })).toContainText(`by ${admin.name}`);
    const counts = page.getByRole("table", { name: "What was erased" });
    await expect(
      counts.getByRole("row", { name: /Notifications to them or naming them/ }).getByRole("cell"),
    ).toHaveText("1");
    await expect(page.getByRole("button", { name: "Save changes" })).toHaveCount(0);
    await expect(page.getByText(name)).toHaveCount(0);
    await expectNoAccessibilityViolations(page);

    const after = await page.request.get(`/api/v1/people/${id}/export`);
    expect(after.status()).toBe(200);
    const text = await after.text();
    expect(text).not.toContain(name);
    expect(text).not.toContain(email);

    // The confirmation is not offered twice: its page leads back to the outcome.
    await page.goto(`/admin/people/${id}/erase`);
    await expect(page).toHaveURL(new RegExp(`/admin/people/${id}$`));
    await expect(page.getByRole("heading", { level: 2, name: "Personal data erased" })).toBeVisible();
  });
});

test("the outbox reports personal data retention", async ({ page }) => {
  await page.goto("/admin/outbox");
  const retention = page.getByRole("region", { name: "Personal data retention" });
  await expect(retention).toBeVisible();
  await expect(retention).toContainText(/After \d+ days the names, contacts, addresses/);
  await expectNoAccessibilityViolations(page);
});
