import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { readRuleForm, ruleFormProblems, ruleFormBody } from "./rule-form";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

describe("the admin rule form", () => {
  it("reads a form into the PATCH body, the checkbox as enabled", () => {
    const values = readRuleForm(form({ name: "A rule", enabled: "on", definition: '{"after":"P1D"}', version: "3" }));
    expect(ruleFormBody(values)).toEqual({ name: "A rule", enabled: true, definition: { after: "P1D" }, version: 3 });
    expect(readRuleForm(form({ name: "A rule", definition: "{}" })).enabled).toBe(false);
  });

  it("refuses a definition that is not JSON, on the definition", () => {
    const values = readRuleForm(form({ name: "A rule", definition: "{ after: P1D", version: "1" }));
    try {
      ruleFormBody(values);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).errors?.[0]).toMatchObject({
        path: "definition",
        message: expect.stringContaining("not valid JSON"),
      });
    }
  });

  it("places every definition problem on the text area, naming its field", () => {
    expect(
      ruleFormProblems([
        { path: "name", message: "Enter the rule's name" },
        { path: "definition.after", message: "Must be at least 1 minute (PT1M)" },
        { path: "definition.audience.role", message: "Must be one of the roles" },
        { path: "definition", message: 'Unrecognized key: "x"' },
        { path: "version", message: "The rule is at version 4" },
      ]),
    ).toEqual({
      notes: ["The rule is at version 4"],
      errors: [
        { fieldId: "rule-name", message: "Enter the rule's name" },
        {
          fieldId: "rule-definition",
          message:
            'after: Must be at least 1 minute (PT1M); audience.role: Must be one of the roles; Unrecognized key: "x"',
        },
      ],
    });
  });
});
