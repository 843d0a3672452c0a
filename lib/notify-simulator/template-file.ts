import { z } from "zod";
import { parseUuid } from "./ids";
import type { SimulatorTemplate } from "./templates";

// A service's own templates for the simulator, so a council developer can work offline against the
// templates their real Notify service has. The file is Notify's own `GET /v2/templates` answer
// (`notifyClient.getAllTemplates()` saved as JSON, or `curl` with a key), so an export from a real
// service loads unchanged, plus two optional keys Notify's answer never has: the service's reply-to
// email ids and text message sender ids, which senders pass as `email_reply_to_id` / `sms_sender_id`.
//
//   {
//     "templates": [{ "id": "…", "type": "email", "name": "…", "subject": "…", "body": "…", … }],
//     "email_reply_to_ids": ["<uuid>", …],
//     "sms_sender_ids": { "<uuid>": "GOVUK", "<uuid>": "07700900123" }
//   }

const uuid = z.string().transform((value, context) => {
  const parsed = parseUuid(value);
  if (parsed) return parsed;
  context.addIssue({ code: "custom", message: `must be a uuid, not ${JSON.stringify(value)}` });
  return z.NEVER;
});

const nonEmpty = z.string().trim().min(1, "must not be empty");

/** One template as `TemplateBase.serialize_for_v2` writes it; fields Notify adds later are ignored. */
const notifyTemplateSchema = z
  .looseObject({
    id: uuid,
    type: z.enum(["email", "sms", "letter"]),
    name: nonEmpty,
    created_at: z.iso.datetime({ message: "must be an ISO 8601 UTC time, as Notify writes it" }),
    updated_at: z.iso.datetime({ message: "must be an ISO 8601 UTC time or null" }).nullable(),
    created_by: nonEmpty,
    version: z.int().min(1),
    body: z.string(),
    subject: z.string().nullable().optional(),
    letter_contact_block: z.string().nullable().optional(),
    postage: z.enum(["first", "second", "economy"]).nullable().optional(),
    // Notify's answer lists the placeholders; the simulator finds them in the text itself, as Notify does.
    personalisation: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((template, context) => {
    if (template.type !== "sms" && !template.subject?.trim())
      context.addIssue({
        code: "custom",
        path: ["subject"],
        message: `${template.type === "email" ? "an" : "a"} ${template.type} template needs a subject`,
      });
    if (template.type === "letter" && !template.postage)
      context.addIssue({
        code: "custom",
        path: ["postage"],
        message: "a letter template needs its postage (first, second or economy)",
      });
    if (template.type !== "letter" && template.postage)
      context.addIssue({
        code: "custom",
        path: ["postage"],
        message: `only letters have postage, not ${template.type}`,
      });
  });

const fileKeys = ["templates", "email_reply_to_ids", "sms_sender_ids"];

// What the file is, for a file that is not that shape at all (a saved `.templates` list is the likely slip).
const fileShape = 'Notify\'s GET /v2/templates answer, { "templates": [...] }';

export const templateFileSchema = z
  .strictObject(
    {
      templates: z.array(notifyTemplateSchema, {
        error: (issue) => (issue.input === undefined ? `is missing: the file is ${fileShape}` : undefined),
      }),
      email_reply_to_ids: z.array(uuid).optional(),
      sms_sender_ids: z.record(z.string(), nonEmpty).optional(),
    },
    {
      // A misspelt key would otherwise leave the simulator quietly without the ids it names.
      error: (issue) => {
        if (issue.code === "unrecognized_keys")
          return `unknown key ${issue.keys.map((key) => JSON.stringify(key)).join(", ")} (the file has ${fileKeys.join(", ")})`;
        if (issue.code === "invalid_type" && Array.isArray(issue.input))
          return `is a list alone; the file is ${fileShape}, with the list inside it`;
        return undefined;
      },
    },
  )
  .superRefine((file, context) => {
    const seen = new Map<string, number>();
    file.templates.forEach((template, index) => {
      const key = `${template.id} version ${template.version}`;
      const first = seen.get(key);
      if (first !== undefined)
        context.addIssue({
          code: "custom",
          path: ["templates", index, "id"],
          message: `${key} is already templates[${first}]`,
        });
      else seen.set(key, index);
    });
    for (const id of Object.keys(file.sms_sender_ids ?? {}))
      if (!parseUuid(id))
        context.addIssue({ code: "custom", path: ["sms_sender_ids", id], message: "keys must be uuids" });
  });

/** What a template file gives the simulator: templates, and the ids senders may name. */
export type SimulatorTemplateFile = {
  /** The file as named, for messages. */
  path: string;
  templates: SimulatorTemplate[];
  emailReplyToIds: string[];
  /** `sms_sender_id` → the sender text Notify shows as `from_number`. */
  smsSenderIds: Record<string, string>;
};

/** Thrown with a message naming the file and the first bad field, e.g. `templates[2].subject`. */
export class TemplateFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = "TemplateFileError";
  }
}

/** `templates[2].subject`, `sms_sender_ids["abc"]`: where in the file a problem is. */
function fieldPath(parts: readonly PropertyKey[]): string {
  return parts
    .map((part, index) =>
      typeof part === "number"
        ? `[${part}]`
        : index > 0 && !/^[a-z_][a-z0-9_]*$/i.test(String(part))
          ? `[${JSON.stringify(String(part))}]`
          : `${index > 0 ? "." : ""}${String(part)}`,
    )
    .join("");
}

/** Parses a template file's text; throws TemplateFileError naming the file and the bad field. */
export function parseTemplateFile(text: string, file: string): SimulatorTemplateFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new TemplateFileError(file, `is not JSON (${(error as Error).message})`);
  }
  const parsed = templateFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = fieldPath(issue.path);
    const template = issue.path[0] === "templates" && typeof issue.path[1] === "number" ? issue.path[1] : undefined;
    const name =
      template !== undefined ? (json as { templates: { name?: unknown }[] }).templates[template]?.name : undefined;
    const which = typeof name === "string" && name && where !== `templates[${template}]` ? ` (template "${name}")` : "";
    throw new TemplateFileError(file, where ? `${where}${which}: ${issue.message}` : issue.message);
  }
  const { templates, email_reply_to_ids = [], sms_sender_ids = {} } = parsed.data;
  return {
    path: file,
    templates: templates.map((template): SimulatorTemplate => ({
      id: template.id,
      version: template.version,
      type: template.type,
      name: template.name,
      subject: template.type === "sms" ? null : (template.subject ?? null),
      body: template.body,
      postage: template.type === "letter" ? (template.postage ?? null) : null,
      letterContactBlock: template.type === "letter" ? (template.letter_contact_block ?? null) : null,
      createdAt: template.created_at,
      updatedAt: template.updated_at,
      createdBy: template.created_by,
    })),
    emailReplyToIds: [...new Set(email_reply_to_ids)],
    smsSenderIds: Object.fromEntries(Object.entries(sms_sender_ids).map(([id, sender]) => [parseUuid(id)!, sender])),
  };
}

/** Reads and parses a template file (a path relative to the working directory, or absolute). */
export function readTemplateFile(file: string): SimulatorTemplateFile {
  // node:fs comes through getBuiltinModule, not an import: lib/config reads template files, and
  // lib/config is (through the logger) in client bundles too, where no bundler can supply node:fs.
  const { readFileSync } = process.getBuiltinModule("node:fs");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new TemplateFileError(file, code === "ENOENT" ? "no such file" : `cannot be read (${code ?? String(error)})`);
  }
  return parseTemplateFile(text, file);
}

/**
 * The catalogue with a file's templates added: a loaded template whose id a built-in one has
 * takes that id's place (every version of it comes from the file), so a service can override a
 * catalogue template by exporting one with the same id.
 */
export function withLoadedTemplates(
  catalogue: readonly SimulatorTemplate[],
  loaded: readonly SimulatorTemplate[],
): SimulatorTemplate[] {
  const loadedIds = new Set(loaded.map((template) => template.id));
  return [...catalogue.filter((template) => !loadedIds.has(template.id.toLowerCase())), ...loaded];
}
