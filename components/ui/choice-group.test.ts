// ChoiceGroup, SuccessBanner and FormProblemsSummary use no hooks of their own, so calling them as
// functions renders them as React would.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ChoiceGroup } from "./choice-group";
import { FormProblemsSummary } from "./form-problems-summary";
import { SuccessBanner } from "./success-banner";

const teams = (props: { type?: "radio" | "checkbox"; error?: string } = {}) =>
  renderToStaticMarkup(
    ChoiceGroup({
      id: "person-teams",
      legend: "Teams",
      type: props.type ?? "checkbox",
      name: "teams",
      error: props.error,
      options: [
        { value: "finance", label: "Finance" },
        { value: "repairs", label: "Repairs", hint: "daytime only" },
        { value: "rcc", label: "Repairs contact centre" },
      ],
      checked: (value) => value === "repairs",
    }),
  );
const inputs = (html: string) => html.match(/<input [^>]*>/g)!;

describe("ChoiceGroup", () => {
  it("asks its question with a legend and puts each box inside the label that names it", () => {
    const html = teams();
    expect(html).toMatch(/^<fieldset><legend[^>]*>Teams<\/legend>/);
    expect(html).toMatch(/<label[^>]*><input [^>]*value="finance"[^>]*\/><span>Finance<\/span><\/label>/);
    expect(html).toContain('<span>Repairs<span class="text-sm text-muted"> daytime only</span></span>');
  });

  it("gives the first box the group's id (where the error summary links) and numbers the rest", () => {
    expect(inputs(teams()).map((tag) => tag.match(/id="([^"]+)"/)![1])).toEqual([
      "person-teams",
      "person-teams-2",
      "person-teams-3",
    ]);
  });

  it("sends every box under one name, ticks what `checked` says, and can be radios", () => {
    const boxes = inputs(teams());
    expect(boxes.every((tag) => tag.includes('type="checkbox"') && tag.includes('name="teams"'))).toBe(true);
    expect(boxes.map((tag) => tag.includes("checked"))).toEqual([false, true, false]);
    expect(inputs(teams({ type: "radio" })).every((tag) => tag.includes('type="radio"'))).toBe(true);
  });

  it("with an error, points the group at its message", () => {
    const html = teams({ error: "Choose a team that exists" });
    expect(html).toMatch(/^<fieldset aria-describedby="person-teams-error"/);
    expect(html).toContain("Choose a team that exists");
  });
});

describe("ChoiceGroup inside a table", () => {
  const emailChoice = (onChange?: (value: string, checked: boolean) => void) =>
    renderToStaticMarkup(
      ChoiceGroup({
        id: "preference-newProperty-email",
        legend: "Email: New property added",
        legendHidden: true,
        type: "radio",
        name: "email-newProperty",
        error: undefined,
        options: [
          { value: "immediate", label: "Straight away" },
          { value: "daily", label: "Daily digest at 8am" },
          { value: "off", label: "Off" },
        ],
        checked: (value) => value === "daily",
        onChange,
      }),
    );

  it("keeps its legend for screen readers only, where the column header already shows it", () => {
    expect(emailChoice()).toMatch(/^<fieldset><legend class="sr-only">Email: New property added<\/legend>/);
  });

  it("is controlled by `checked` when given onChange, so the form's state decides what is ticked", () => {
    expect(inputs(emailChoice(() => {})).map((tag) => tag.includes("checked"))).toEqual([false, true, false]);
  });
});

describe("SuccessBanner", () => {
  it("says what a save did in a status region, and is absent when there is nothing to say", () => {
    expect(renderToStaticMarkup(SuccessBanner({ children: "Changes saved" }))).toMatch(
      /^<div role="status" class="[^"]*border-success[^"]*">Changes saved<\/div>$/,
    );
    expect(SuccessBanner({ children: null })).toBeNull();
  });
});

describe("FormProblemsSummary", () => {
  it("shows a failed save's sentences and a link to each field, and nothing before a failure", () => {
    const html = renderToStaticMarkup(
      FormProblemsSummary({
        problems: {
          notes: ["The person was not saved"],
          errors: [{ fieldId: "person-email", message: "Enter an email address" }],
        },
      }),
    );
    expect(html).toContain('role="alert"');
    expect(html).toContain("<p>The person was not saved</p>");
    expect(html).toMatch(/<a href="#person-email"[^>]*>Enter an email address<\/a>/);
    expect(FormProblemsSummary({ problems: null })).toBeNull();
  });
});
