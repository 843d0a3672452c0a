import { describe, expect, it } from "vitest";
import { renderTemplate, TemplateFieldsMissingError, templateFields, templateProblems } from "./template";

const event = {
  eventType: "TenureCreatedEvent",
  entityId: "5d3c2b1a-0000-4000-8000-000000000001",
  newData: { paymentReference: "PR123", startOfTenureDate: "2026-03-01", rent: 104.5, joint: false, tags: ["a"] },
};

describe("renderTemplate", () => {
  it.each([
    ["New tenure {{newData.paymentReference}}", "New tenure PR123"],
    ["{{ newData.paymentReference }} from {{newData.startOfTenureDate}}", "PR123 from 2026-03-01"],
    ["Rent £{{newData.rent}}, joint: {{newData.joint}}", "Rent £104.5, joint: false"],
    ["No placeholders", "No placeholders"],
    ["Missing {{newData.nothing}}!", "Missing !"],
    ["Lists are not printed: {{newData.tags}}", "Lists are not printed: "],
    ["Objects are not printed: {{newData}}", "Objects are not printed: "],
    [
      "Prototype is not followed: {{constructor}}{{newData.__proto__}}{{eventType.length}}",
      "Prototype is not followed: ",
    ],
    ["<b>{{eventType}}</b>", "<b>TenureCreatedEvent</b>"],
  ])("%s", (template, expected) => {
    expect(renderTemplate(template, event)).toBe(expected);
  });

  it("runs no code, whatever the placeholder holds", () => {
    const template = "{{ process.exit(1) }} {{ this.constructor.constructor('return 1')() }}";
    expect(templateProblems(template)).toHaveLength(2);
    expect(renderTemplate(template, event)).toBe(template);
  });

  it("names every missing field when asked for errors, as a preview does", () => {
    expect(() => renderTemplate("{{newData.a}} {{newData.paymentReference}} {{b}}", event, "error")).toThrow(
      new TemplateFieldsMissingError(["newData.a", "b"]),
    );
  });
});

describe("templateProblems", () => {
  it.each([
    ["Fine {{newData.x}}", []],
    ["{{}}", ['"{{}}" is not a field such as {{newData.name}}']],
    ["{{newData..x}}", ['"{{newData..x}}" is not a field such as {{newData.name}}']],
    ["{{newData['x']}}", [`"{{newData['x']}}" is not a field such as {{newData.name}}`]],
    ["Unclosed {{newData.x", ['A "{{" is not closed by "}}"']],
  ])("%s", (template, messages) => {
    expect(templateProblems(template).map((problem) => problem.message)).toEqual(messages);
  });

  it("lists the fields used, once each", () => {
    expect(templateFields("{{a.b}} {{ c }} {{a.b}}")).toEqual(["a.b", "c"]);
  });
});
