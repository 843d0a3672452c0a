import { test as setup } from "@playwright/test";
import { storageStates } from "./support/constants";
import { signInAs } from "./support/sign-in";

setup("sign in as a finance officer", async ({ page }) => {
  await signInAs(page, "Sign in as Fiona Finch (Finance officer)");
  await page.context().storageState({ path: storageStates.financeOfficer });
});

setup("sign in as a finance colleague", async ({ page }) => {
  await signInAs(page, "Sign in as Farid Khan (Finance officer)");
  await page.context().storageState({ path: storageStates.financeColleague });
});

setup("sign in as a finance manager", async ({ page }) => {
  await signInAs(page, "Sign in as Grace Mensah (Finance manager)");
  await page.context().storageState({ path: storageStates.financeManager });
});

setup("sign in as an admin", async ({ page }) => {
  await signInAs(page, "Sign in as Alex Morgan (Admin)");
  await page.context().storageState({ path: storageStates.admin });
});

setup("sign in as a resident", async ({ page }) => {
  await signInAs(page, "Sign in as Rosa Alvarez (Resident)");
  await page.context().storageState({ path: storageStates.resident });
});
