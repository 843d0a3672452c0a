import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

// Every WCAG 2.0–2.2 A and AA rule axe knows: UK public-sector services must meet WCAG 2.2 AA.
const wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

// Rules axe tags "experimental" stay off even when their WCAG tag is asked for; these are switched on
// by name. label-content-name-mismatch checks WCAG 2.5.3 Label in Name: a control's accessible name
// must contain its visible text, so speech-control users can say what they see.
const experimentalRules = { "label-content-name-mismatch": { enabled: true } };

/** Fails with a readable list when the page as it is now breaks any WCAG A/AA rule axe can check. */
export async function expectNoAccessibilityViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    // options() replaces every option, so it comes before withTags (which adds runOnly to them).
    .options({ rules: experimentalRules })
    .withTags(wcagTags)
    .analyze();
  const violations = results.violations.map(
    (violation) =>
      `${violation.impact ?? "unknown"} ${violation.id}: ${violation.help} – ${violation.nodes
        .map((node) => node.target.join(" "))
        .join(", ")}`,
  );
  expect(violations, `Accessibility violations on ${page.url()}`).toEqual([]);
}
