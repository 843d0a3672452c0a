import { validationError } from "./errors";
import { isUuid } from "./ids";
import { isPlainObject, pythonRepr } from "./python-values";

// A small JSON-schema check that words its errors as Notify does (notifications-api
// app/schema_validation build_error_message, run with jsonschema 4.26): "{field} {message}" with
// every ' removed, or "{field} {validationMessage}" when the schema gives one. Errors come in
// property order, then missing required properties, then unexpected ones; duplicates are dropped.

type JsonType = "string" | "object" | "array" | "null" | "integer" | "boolean" | "number";

export type FieldRule = {
  types: readonly JsonType[];
  maxLength?: number;
  enum?: readonly string[];
  /** For arrays: the rule each item must meet. */
  items?: FieldRule;
  /** A format check on strings; returns the message to show after the field name. */
  format?: (value: string) => string | null;
  /** Replaces jsonschema's own wording for any failure of this field. */
  validationMessage?: string;
};

export type ObjectSchema = {
  properties: Record<string, FieldRule>;
  required?: readonly string[];
};

function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "string") return "string";
  return "object";
}

function typeMatches(value: unknown, types: readonly JsonType[]): boolean {
  const actual = jsonTypeOf(value);
  return types.includes(actual) || (actual === "integer" && types.includes("number"));
}

function ruleErrors(value: unknown, rule: FieldRule): string[] {
  if (!typeMatches(value, rule.types)) {
    return [`${pythonRepr(value)} is not of type ${rule.types.map((type) => `'${type}'`).join(", ")}`];
  }
  const errors: string[] = [];
  if (typeof value === "string") {
    if (rule.maxLength !== undefined && [...value].length > rule.maxLength)
      errors.push(`${pythonRepr(value)} is too long`);
    if (rule.enum && !rule.enum.includes(value)) {
      errors.push(`${pythonRepr(value)} is not one of [${rule.enum.map(pythonRepr).join(", ")}]`);
    }
    const formatMessage = rule.format?.(value);
    if (formatMessage) errors.push(formatMessage);
  }
  if (Array.isArray(value) && rule.items) errors.push(...value.flatMap((item) => ruleErrors(item, rule.items!)));
  return errors;
}

function withoutQuotes(message: string): string {
  return message.replaceAll("'", "");
}

/** Notify's messages for everything wrong with `body`; empty when it is valid. */
export function schemaErrors(body: unknown, schema: ObjectSchema): string[] {
  if (!isPlainObject(body)) return [withoutQuotes(`${pythonRepr(body)} is not of type 'object'`)];
  const messages: string[] = [];
  for (const [field, rule] of Object.entries(schema.properties)) {
    if (!(field in body)) continue;
    for (const error of ruleErrors(body[field], rule)) {
      messages.push(rule.validationMessage ? `${field} ${rule.validationMessage}` : `${field} ${withoutQuotes(error)}`);
    }
  }
  for (const field of schema.required ?? []) {
    if (!(field in body)) messages.push(`${field} is a required property`);
  }
  const unexpected = Object.keys(body)
    .filter((key) => !(key in schema.properties))
    .sort();
  if (unexpected.length > 0) {
    const names = unexpected.map(pythonRepr).join(", ");
    messages.push(
      withoutQuotes(
        `Additional properties are not allowed (${names} ${unexpected.length === 1 ? "was" : "were"} unexpected)`,
      ),
    );
  }
  return [...new Set(messages)];
}

export const uuidRule: FieldRule = {
  types: ["string"],
  format: (value) => (isUuid(value) ? null : "is not a valid UUID"),
  validationMessage: "is not a valid UUID",
};

export const personalisationRule: FieldRule = { types: ["object"] };
export const referenceRule: FieldRule = { types: ["string"], maxLength: 1000 };

/** The body as an object when it meets `schema`; otherwise throws Notify's 400 ValidationError. */
export function validateBody(body: unknown, schema: ObjectSchema): Record<string, unknown> {
  const messages = schemaErrors(body, schema);
  if (messages.length > 0 || !isPlainObject(body)) throw validationError(messages);
  return body;
}

export function optionalString(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}
