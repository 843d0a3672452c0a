import { placeholderNames } from "./personalisation";
import type { SimulatorTemplate, TemplateType } from "./templates";

/** Looks templates up by id (current or given version) and lists the current ones. */
export type TemplateCatalogue = {
  find(id: string, version?: number): SimulatorTemplate | null;
  listCurrent(type?: TemplateType): SimulatorTemplate[];
};

export function createTemplateCatalogue(templates: readonly SimulatorTemplate[]): TemplateCatalogue {
  const versionsById = new Map<string, SimulatorTemplate[]>();
  for (const template of templates) {
    const id = template.id.toLowerCase();
    versionsById.set(
      id,
      [...(versionsById.get(id) ?? []), template].sort((a, b) => a.version - b.version),
    );
  }
  return {
    find(id, version) {
      const versions = versionsById.get(id) ?? [];
      if (version === undefined) return versions.at(-1) ?? null;
      return versions.find((template) => template.version === version) ?? null;
    },
    listCurrent(type) {
      return [...versionsById.values()]
        .map((versions) => versions.at(-1)!)
        .filter((template) => !template.hidden && !template.archived && (!type || template.type === type))
        .sort((a, b) => a.name.localeCompare(b.name) || a.type.localeCompare(b.type));
    },
  };
}

/** The placeholders Notify asks for: letter contact block, subject, then body. */
export function templatePlaceholders(template: SimulatorTemplate): string[] {
  return placeholderNames(template.letterContactBlock, template.subject, template.body);
}

/** GET /v2/template/{id} body (`TemplateBase.serialize_for_v2`). */
export function serialiseTemplate(template: SimulatorTemplate) {
  return {
    id: template.id,
    type: template.type,
    created_at: template.createdAt,
    updated_at: template.updatedAt,
    version: template.version,
    created_by: template.createdBy,
    body: template.body,
    subject: template.type === "sms" ? null : template.subject,
    name: template.name,
    personalisation: Object.fromEntries(templatePlaceholders(template).map((name) => [name, { required: true }])),
    postage: template.type === "letter" ? template.postage : null,
    letter_contact_block: template.type === "letter" ? template.letterContactBlock : null,
  };
}
