import { expect, type Page } from "@playwright/test";

/** Signs in through the demo sign-in page exactly as a person would: by the button's accessible name. */
export async function signInAs(page: Page, accessibleName: string): Promise<void> {
  await page.goto("/signin");
  await page.getByRole("button", { name: accessibleName }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
}
