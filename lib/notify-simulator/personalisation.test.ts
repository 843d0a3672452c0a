import { describe, expect, it } from "vitest";
import { fillPlaceholders, missingPersonalisation, placeholderNames, showsConditionalText } from "./personalisation";
import { renderSmsBody, renderSubject } from "./rendering";
import { schemaErrors } from "./schema";
import { sanitiseSmsText, smsFragmentCount } from "./sms-text";

describe("placeholders (notifications-utils field.py)", () => {
  it("finds names in order of first appearance, ignoring case, spaces, _ and -", () => {
    expect(placeholderNames("((First Name)) ((Address??x))", "((first_name)) ((ref))")).toEqual([
      "First Name",
      "Address",
      "ref",
    ]);
  });

  it("counts absent and null values as missing, but not empty strings", () => {
    expect(missingPersonalisation(["name", "ref", "date"], { NAME: "", ref: null })).toEqual(["ref", "date"]);
  });

  it.each([
    [2, false],
    ["0", false],
    ["no", false],
    ["false", false],
    [[], false],
    [1, true],
    ["1", true],
    [true, true],
    ["show", true],
    ["Yes", true],
    ["include", true],
  ])("shows conditional text for %j: %s", (value, shown) => {
    expect(showsConditionalText(value)).toBe(shown);
  });

  it.each([
    ["((name))", { name: true }, "True"],
    ["((name))", { name: 1.5 }, "1.5"],
    ["((warning??foo??bar))", { warning: "yes" }, "foo??bar"],
    ["((warning??line one\nline two))", { warning: "y" }, "line one\nline two"],
    ["((warning??shown))", { warning: "nope" }, ""],
    ["Hi ((list))", { list: ["one", null, "  ", "two"] }, "Hi \n\n* one\n* two"],
    ["Hi ((list))", { list: [] }, "Hi "],
  ])("fills %j with %j as %j (markdown)", (content, values, expected) => {
    expect(fillPlaceholders(content, values, { listStyle: "markdown" })).toBe(expected);
  });

  it.each([
    [["one"], "one"],
    [["one", "two"], "one and two"],
    [["one", "two", "three"], "one, two and three"],
  ])("writes the list %j as %j in plain text", (list, expected) => {
    expect(fillPlaceholders("((list))", { list }, { listStyle: "plain" })).toBe(expected);
  });
});

describe("SMS text (notifications-utils sanitise_text.py)", () => {
  it.each([
    ["curly ‘quotes’ and “doubles”", `curly 'quotes' and "doubles"`],
    ["dashes – — and ellipsis…", "dashes - - and ellipsis..."],
    ["Welsh ŵ ŷ â kept, façade downgraded", "Welsh ŵ ŷ â kept, facade downgraded"],
    ["emoji 🙂 and Łódź", "emoji ? and Lódz"],
    ["zero\u200Bwidth and\u00A0nbsp", "zerowidth and nbsp"],
  ])("sanitises %j", (input, expected) => {
    expect(sanitiseSmsText(input)).toBe(expected);
  });

  it.each([
    ["a".repeat(160), 1],
    ["a".repeat(161), 2],
    ["a".repeat(306), 2],
    ["a".repeat(307), 3],
    ["{".repeat(80), 1],
    ["{".repeat(81), 2],
    ["ŵ".repeat(70), 1],
    ["ŵ".repeat(71), 2],
  ])("counts fragments of a %#th message", (text, fragments) => {
    expect(smsFragmentCount(text)).toBe(fragments);
  });

  it("tidies whitespace: none before punctuation, single spaces, at most one blank line", () => {
    expect(renderSmsBody("Hello  ((name)) .\n\n\n\nBye ,  now", { name: "Sam" })).toBe("Hello Sam.\n\nBye, now");
  });
});

describe("subjects", () => {
  it("uses smart quotes, en dashes and single spaces", () => {
    expect(renderSubject(`"((name))'s"   visit - today`, { name: "Sam" })).toBe("“Sam’s” visit – today");
  });
});

describe("schema messages (jsonschema wording, quotes removed)", () => {
  const schema = {
    properties: {
      kind: { types: ["string"] as const, enum: ["a", "b"] },
      note: { types: ["string", "null"] as const },
    },
    required: ["kind"],
  };
  it.each([
    [{}, ["kind is a required property"]],
    [{ kind: "c" }, ["kind c is not one of [a, b]"]],
    [{ kind: "a", note: 5 }, ["note 5 is not of type string, null"]],
    [{ kind: "a", extra: { x: [true, null] } }, ["Additional properties are not allowed (extra was unexpected)"]],
    [{ kind: null }, ["kind None is not of type string"]],
    ["text", ["text is not of type object"]],
  ])("describes %j", (body, messages) => {
    expect(schemaErrors(body, schema)).toEqual(messages);
  });
});
