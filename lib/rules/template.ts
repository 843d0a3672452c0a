/**
 * The message templates of event rules: plain text with `{{field.path}}` placeholders filled from
 * the event, and nothing else. There are no expressions, filters or helpers, so a template cannot
 * run code; only a value's own properties are followed, so `{{constructor}}` finds nothing.
 */

const placeholder = /\{\{\s*([^{}]*?)\s*\}\}/g;
const fieldPath = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;

export type TemplateProblem = { message: string };

/** What is wrong with a template's syntax, if anything: a bad placeholder or an unclosed `{{`. */
export function templateProblems(template: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const match of template.matchAll(placeholder)) {
    if (!fieldPath.test(match[1]!))
      problems.push({ message: `"${match[0].slice(0, 60)}" is not a field such as {{newData.name}}` });
  }
  if (template.replace(placeholder, "").includes("{{")) problems.push({ message: 'A "{{" is not closed by "}}"' });
  return problems;
}

/** The field paths a template uses, in order, without repeats. */
export function templateFields(template: string): string[] {
  return [
    ...new Set([...template.matchAll(placeholder)].map((match) => match[1]!).filter((path) => fieldPath.test(path))),
  ];
}

function lookUp(data: unknown, path: string): string | undefined {
  let value: unknown = data;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  // Objects and lists are not printed: a message shows values, not data structures.
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

export class TemplateFieldsMissingError extends Error {
  constructor(readonly fields: string[]) {
    super(`The event has no value for ${fields.map((field) => `{{${field}}}`).join(", ")}`);
    this.name = "TemplateFieldsMissingError";
  }
}

/**
 * Fills a template's placeholders from `data`. A field the data lacks is left empty when a rule
 * runs (a message must still go out), and is an error when asked for ("error", as a preview does),
 * so an admin sees the mistake before the rule runs.
 */
export function renderTemplate(template: string, data: unknown, missing: "empty" | "error" = "empty"): string {
  const absent = templateFields(template).filter((path) => lookUp(data, path) === undefined);
  if (missing === "error" && absent.length > 0) throw new TemplateFieldsMissingError(absent);
  return template.replace(placeholder, (whole, path: string) =>
    fieldPath.test(path) ? (lookUp(data, path) ?? "") : whole,
  );
}
