import { z } from "zod";
import { readTemplateFile, TemplateFileError } from "@/lib/notify-simulator/template-file";
import { uuidPattern } from "@/lib/format/uuid";

// The kinds of value an environment variable can hold. Each parses the trimmed text of a variable
// that is set; the messages finish the sentence "<VARIABLE>: …" and the reader appends the bad
// value itself (unless the variable is a secret).

/** true/false/1/0, nothing else: "yes" or "off" is a typo to report, not a value to guess at. */
export function flag() {
  return z
    .enum(["true", "false", "1", "0"], { error: "must be true, false, 1 or 0" })
    .transform((value) => value === "true" || value === "1");
}

/** A whole number in [min, max]. */
export function wholeNumber({ min, max }: { min: number; max?: number }) {
  const message =
    max === undefined ? `must be a whole number of at least ${min}` : `must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .refine((raw) => /^\d+$/.test(raw) && Number(raw) >= min && (max === undefined || Number(raw) <= max), {
      error: message,
    })
    .transform(Number);
}

/** A number (fractions allowed) above zero, or at least `min` when given. */
export function positiveNumber({ min, max }: { min?: number; max?: number } = {}) {
  const lower = min === undefined ? "greater than 0" : `of at least ${min}`;
  const message = `must be a number ${lower}${max === undefined ? "" : ` and at most ${max}`}`;
  return z
    .string()
    .refine(
      (raw) => {
        if (!/^\d+(\.\d+)?$/.test(raw)) return false;
        const value = Number(raw);
        return (min === undefined ? value > 0 : value >= min) && (max === undefined || value <= max);
      },
      { error: message },
    )
    .transform(Number);
}

/** An absolute URL with one of the given schemes (without the colon). */
export function url(schemes: string[]) {
  const message = `must be a URL starting ${schemes.map((scheme) => `${scheme}://`).join(" or ")}`;
  return z.string().refine((raw) => URL.canParse(raw) && schemes.includes(new URL(raw).protocol.slice(0, -1)), {
    error: message,
  });
}

/** One of a closed set of words. */
export function oneOf<const Values extends readonly [string, ...string[]]>(values: Values) {
  return z.enum(values, { error: `must be one of ${values.join(", ")}` });
}

/** Free text of a least length (secrets, keys). */
export function text({ minLength = 1 }: { minLength?: number } = {}) {
  return z.string().min(minLength, { error: `must be at least ${minLength} characters` });
}

/** Exactly `bytes` random bytes in base64 (a key for node:crypto), e.g. from `openssl rand -base64 32`. */
export function base64Key({ bytes }: { bytes: number }) {
  const message = `must be ${bytes} bytes in base64, e.g. from \`openssl rand -base64 ${bytes}\``;
  return z
    .string()
    .refine((raw) => /^[A-Za-z0-9+/]+={0,2}$/.test(raw) && Buffer.from(raw, "base64").length === bytes, {
      error: message,
    })
    .transform((raw) => Buffer.from(raw, "base64"));
}

/** A Notify id (template, service): 36 characters in the 8-4-4-4-12 hexadecimal shape. */
export function uuid() {
  return z.string().regex(uuidPattern, { error: "must be a UUID (8-4-4-4-12 hexadecimal digits)" });
}

/**
 * A GOV.UK Notify API key: `{key name}-{service id}-{secret}`. notifications-node-client reads it from
 * the end (the last 36 characters are the secret, the 36 before the dash the service id), so a
 * truncated or mangled key would only fail later, at Notify, as a bad signature.
 */
export function notifyApiKey() {
  return z
    .string()
    .refine(
      (raw) => raw.length >= 75 && raw.at(-74) === "-" && raw.at(-37) === "-" && uuidPattern.test(raw.slice(-73, -37)),
      {
        error: "must be a GOV.UK Notify API key: the key's name, the service id and the secret, joined by dashes",
      },
    );
}

/** The non-empty items of a comma-separated value, trimmed, put in one form, each kept once. */
const commaSeparated = (normalise: (item: string) => string) =>
  z.string().transform((raw) => [
    ...new Set(
      raw
        .split(",")
        .map((item) => normalise(item.trim()))
        .filter(Boolean),
    ),
  ]);

/** A comma-separated list of names (letters, digits, dashes, underscores), duplicates dropped. */
export function nameList() {
  return commaSeparated((name) => name)
    .refine((names) => names.length > 0, { error: "must name at least one service" })
    .refine((names) => names.every((name) => /^[A-Za-z0-9_-]+$/.test(name)), {
      error: "must be names made of letters, digits, dashes and underscores, separated by commas",
    });
}

/** A comma-separated list of email addresses, lower-cased (addresses are compared that way), duplicates dropped. */
export function emailList() {
  return commaSeparated((email) => email.toLowerCase())
    .refine((emails) => emails.length > 0, { error: "must name at least one email address" })
    .refine((emails) => emails.every((email) => z.email().safeParse(email).success), {
      error: "must be email addresses separated by commas",
    });
}

/**
 * A comma-separated list of web origins (`https://host[:port]`, nothing after it), each exactly as a
 * browser sends it in `Origin`: lower-case, no default port, no path. No `*`: every origin is named.
 */
export function originList() {
  return commaSeparated((origin) => origin).superRefine((origins, context) => {
    const wrong = origins.find((origin) => browserOrigin(origin) !== origin);
    if (wrong === undefined) return;
    // The origin a browser would send for it, when there is one: `https://Example.gov.uk:443/` is
    // scheme, host and port, yet never matches, and only the browser's form says why.
    const form = browserOrigin(wrong);
    context.addIssue({
      code: "custom",
      message:
        "must be origins such as https://app.council.gov.uk (scheme, host and port only, lower case), separated by commas" +
        (form ? ` (a browser sends ${wrong} as ${form})` : ` (${wrong} is not one)`),
    });
  });
}

/** `Origin` as a browser sends it for an http(s) address, or undefined for anything else. */
function browserOrigin(address: string): string | undefined {
  if (!URL.canParse(address)) return undefined;
  const url = new URL(address);
  return ["http:", "https:"].includes(url.protocol) ? url.origin : undefined;
}

/**
 * A JSON value of the given shape. A problem is reported as one sentence naming where in the value
 * it is (`at "Finance".roles.0: …`), since the start-up message shows one line per variable.
 */
export function json<Schema extends z.ZodType>(schema: Schema, shape: string) {
  return z.string().transform((raw, context): z.output<Schema> => {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      context.addIssue({ code: "custom", message: `must be JSON (${shape})` });
      return z.NEVER;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    const where = issue.path.map((part, index) => (index === 0 ? JSON.stringify(String(part)) : `.${String(part)}`));
    context.addIssue({
      code: "custom",
      message: where.length > 0 ? `at ${where.join("")}: ${issue.message}` : issue.message,
    });
    return z.NEVER;
  });
}

/**
 * A file of the simulator's own templates (lib/notify-simulator/template-file.ts), read and checked
 * here so a bad file stops the start with the file and the field named, never a half-configured
 * simulator.
 */
export function simulatorTemplateFile() {
  return z.string().transform((file, context) => {
    try {
      return readTemplateFile(file);
    } catch (error) {
      if (!(error instanceof TemplateFileError)) throw error;
      context.addIssue({ code: "custom", message: `the file ${error.file}: ${error.reason}` });
      return z.NEVER;
    }
  });
}
