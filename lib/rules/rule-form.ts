import type { FieldError } from "@/lib/api/errors";
import { fieldValidationError } from "@/lib/api/problem";
import type { RuleResponse, UpdateRuleBody } from "./rule-schema";

// The admin page's rule form: name, enabled, and the definition as JSON text. The save goes through
// the same schema and lib function as PATCH /api/v1/rules/{id}; this module only turns the form
// into that body and the API's field errors back into what the form shows.

export type RuleFormValues = { name: string; enabled: boolean; definition: string; version: string };

export const ruleFieldIds = { name: "rule-name", enabled: "rule-enabled", definition: "rule-definition" } as const;

export function ruleFormValuesOf(rule: RuleResponse): RuleFormValues {
  return {
    name: rule.name,
    enabled: rule.enabled,
    definition: JSON.stringify(rule.definition, null, 2),
    version: String(rule.version),
  };
}

export function readRuleForm(form: FormData): RuleFormValues {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  return {
    name: text("name"),
    enabled: form.get("enabled") === "on",
    definition: text("definition"),
    version: text("version"),
  };
}

/** The PATCH body the form stands for; text that is not a JSON object is a 400 on the definition. */
export function ruleFormBody(values: RuleFormValues): UpdateRuleBody {
  let definition: unknown;
  try {
    definition = JSON.parse(values.definition);
  } catch (error) {
    throw fieldValidationError([
      { path: "definition", message: `The definition is not valid JSON: ${(error as Error).message}` },
    ]);
  }
  const version = Number(values.version);
  return {
    name: values.name,
    enabled: values.enabled,
    definition: definition as UpdateRuleBody["definition"],
    version: Number.isInteger(version) && version > 0 ? version : undefined,
  };
}

/**
 * Where each API field error shows: on its control, or, for the definition's own fields, on the
 * text area with the field named ("after: Must be at least 1 minute"), so every problem is seen.
 * What has no control (a stale `version`) is kept as a sentence for the summary.
 */
export function ruleFormProblems(errors: readonly FieldError[]): {
  errors: { fieldId: string; message: string }[];
  notes: string[];
} {
  const placed = new Map<string, string[]>();
  const notes: string[] = [];
  const controls: Record<string, string> = {
    name: ruleFieldIds.name,
    enabled: ruleFieldIds.enabled,
    definition: ruleFieldIds.definition,
  };
  for (const { path, message } of errors) {
    const fieldId = controls[path.split(".")[0]!];
    if (!fieldId) {
      notes.push(message);
      continue;
    }
    const inner = path.startsWith("definition.") ? `${path.slice("definition.".length)}: ` : "";
    placed.set(fieldId, [...(placed.get(fieldId) ?? []), `${inner}${message}`]);
  }
  return { errors: [...placed].map(([fieldId, messages]) => ({ fieldId, message: messages.join("; ") })), notes };
}
