import { isPlainObject, pythonStr, pythonTruthy } from "./python-values";

// Placeholder rules of notifications-utils (field.py, insensitive_dict.py): `((name))` is filled
// from personalisation matched ignoring case, spaces, `_` and `-`; `((name??text))` shows `text`
// when the value reads as "yes"; list values become bullets (markdown) or "a, b and c" (plain).

const placeholderPattern = /\(\(([^()]+)\)\)/g;

export type Personalisation = Record<string, unknown>;

/** How a filled-in value is written: bullets for markdown bodies, prose for SMS and subjects. */
export type ListStyle = "markdown" | "plain";

export function normalisePlaceholderKey(key: string): string {
  return key.replace(/[ _-]/g, "").toLowerCase();
}

function splitPlaceholder(inner: string): { name: string; conditionalText: string | null } {
  const separator = inner.indexOf("??");
  if (separator === -1) return { name: inner, conditionalText: null };
  return { name: inner.slice(0, separator), conditionalText: inner.slice(separator + 2) };
}

/** The placeholder names in `contents`, in order of first appearance, spelt as the template spells them. */
export function placeholderNames(...contents: (string | null)[]): string[] {
  const seen = new Map<string, string>();
  for (const content of contents) {
    for (const match of (content ?? "").matchAll(placeholderPattern)) {
      const { name } = splitPlaceholder(match[1]!);
      const key = normalisePlaceholderKey(name);
      if (!seen.has(key)) seen.set(key, name);
    }
  }
  return [...seen.values()];
}

/** Reads a value by placeholder name, ignoring case, spaces and underscores as Notify does. */
export function personalisationLookup(values: Personalisation): (name: string) => unknown {
  const byKey = new Map<string, unknown>();
  for (const [key, value] of Object.entries(values)) byKey.set(normalisePlaceholderKey(key), value);
  return (name) => byKey.get(normalisePlaceholderKey(name));
}

/** The placeholders with no value (absent or null), which Notify reports as "Missing personalisation: …". */
export function missingPersonalisation(names: string[], values: Personalisation): string[] {
  const valueOf = personalisationLookup(values);
  return names.filter((name) => valueOf(name) === null || valueOf(name) === undefined);
}

function joinWithAnd(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

function formatList(items: unknown[], style: ListStyle, escape: (text: string) => string): string {
  const kept = items
    .filter((item) => item !== null && item !== undefined)
    .map((item) => escape(pythonStr(item).trim()))
    .filter((item) => item !== "");
  if (kept.length === 0) return "";
  return style === "markdown" ? `\n\n${kept.map((item) => `* ${item}`).join("\n")}` : joinWithAnd(kept);
}

const showWords = new Set(["yes", "y", "true", "t", "1", "include", "show"]);

/** notifications-utils `str2bool`: whether `((name??text))` shows its text. */
export function showsConditionalText(value: unknown): boolean {
  return pythonTruthy(value) && showWords.has(pythonStr(value).toLowerCase());
}

export type FillOptions = { listStyle: ListStyle; escape?: (text: string) => string };

/** Replaces every placeholder that has a value; call `missingPersonalisation` first to refuse gaps. */
export function fillPlaceholders(
  content: string,
  values: Personalisation,
  { listStyle, escape = (text) => text }: FillOptions,
): string {
  const valueOf = personalisationLookup(values);
  return content.replace(placeholderPattern, (placeholder, inner: string) => {
    const { name, conditionalText } = splitPlaceholder(inner);
    const value = valueOf(name);
    if (value === null || value === undefined) return placeholder;
    if (conditionalText !== null) return showsConditionalText(value) ? conditionalText : "";
    if (Array.isArray(value)) return formatList(value, listStyle, escape);
    return escape(pythonStr(value));
  });
}

/** Personalisation values that are Notify "send a file" uploads (`{ file: base64, … }`). */
export function fileUploadKeys(values: Personalisation): string[] {
  return Object.entries(values)
    .filter(([, value]) => isPlainObject(value) && "file" in value)
    .map(([key]) => key);
}
