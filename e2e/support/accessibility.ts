import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

// Every WCAG 2.0–2.2 A and AA rule axe knows: UK public-sector services must meet WCAG 2.2 AA.
const wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

/** Fails with a readable list when the page as it is now breaks any WCAG A/AA rule axe can check. */
export async function expectNoAccessibilityViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  const violations = results.violations.map(
    (violation) =>
      `${violation.impact ?? "unknown"} ${violation.id}: ${violation.help} – ${violation.nodes
        .map((node) => node.target.join(" "))
        .join(", ")}`,
  );
  expect(violations, `Accessibility violations on ${page.url()}`).toEqual([]);
}
