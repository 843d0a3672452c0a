import { z } from "zod";
import { NotifyError, type NotifyTemplate, type NotifyTemplateType } from "./client";
import { notifyClientFor, requireNotifyService } from "./service-registry";
import { configuredServiceKeys } from "./services";
import { rethrowAsNotifyUnavailable } from "./unavailable";

// The templates of every configured GOV.UK Notify service, with the personalisation fields each
// one needs. Lists are cached briefly: a create checks its template on every call, and templates
// change rarely (a new version shows within a minute).

export type TemplateSummary = {
  id: string;
  name: string;
  type: NotifyTemplateType;
  serviceKey: string;
  personalisation: string[];
};

export const listTemplatesQuerySchema = z.object({
  type: z.enum(["email", "sms", "letter"], "Must be one of email, sms, letter").optional(),
});

export const templateSummarySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    type: z.enum(["email", "sms", "letter"]),
    serviceKey: z.string(),
    personalisation: z.array(z.string()).meta({ description: "Fields the template needs in personalisationParams" }),
  })
  .meta({ id: "Template" });

const placeholderPattern = /\(\(([^()]+)\)\)/g;
const cacheMilliseconds = 60_000;

/** Notify matches placeholder names ignoring case, spaces, `_` and `-` (notifications-utils InsensitiveDict). */
export function normaliseFieldName(name: string): string {
  return name.replace(/[ _-]/g, "").toLowerCase();
}

/** The fields a template asks for, spelt as the template spells them: `((name))` and `((name??text))`. */
export function templateFieldNames(
  template: Pick<NotifyTemplate, "subject" | "body" | "letter_contact_block">,
): string[] {
  const seen = new Map<string, string>();
  for (const content of [template.letter_contact_block, template.subject, template.body]) {
    for (const match of (content ?? "").matchAll(placeholderPattern)) {
      const name = match[1]!.split("??")[0]!.trim();
      if (name && !seen.has(normaliseFieldName(name))) seen.set(normaliseFieldName(name), name);
    }
  }
  return [...seen.values()];
}

type CacheEntry = { expires: number; templates: Promise<NotifyTemplate[]> };
const cache = new Map<string, CacheEntry>();

/** Forgets cached template lists (tests that switch simulators; an admin who just edited a template). */
export function clearTemplateCache(): void {
  cache.clear();
}

async function serviceTemplates(serviceKey: string): Promise<NotifyTemplate[]> {
  const service = await requireNotifyService(serviceKey);
  // Keyed by where the service points, so a test's own simulator never sees another's templates.
  const cacheKey = `${service.key}|${service.baseUrl ?? ""}|${service.apiKey.slice(-8)}`;
  const cached = cache.get(cacheKey);
  if (cached && cached.expires > Date.now()) return cached.templates;
  const templates = notifyClientFor(serviceKey).then((client) => client.getTemplates());
  cache.set(cacheKey, { expires: Date.now() + cacheMilliseconds, templates });
  templates.catch(() => cache.delete(cacheKey));
  return templates;
}

function toSummary(serviceKey: string, template: NotifyTemplate): TemplateSummary {
  return {
    id: template.id,
    name: template.name,
    type: template.type,
    serviceKey,
    personalisation: templateFieldNames(template),
  };
}

/** Every current template of every configured service, optionally of one type, by service then name. */
export async function listTemplates(type?: NotifyTemplateType): Promise<TemplateSummary[]> {
  try {
    const perService = await Promise.all(
      configuredServiceKeys().map(async (serviceKey) =>
        (await serviceTemplates(serviceKey)).map((template) => toSummary(serviceKey, template)),
      ),
    );
    return perService.flat().filter((template) => !type || template.type === type);
  } catch (error) {
    rethrowAsNotifyUnavailable(error, "GOV.UK Notify did not list its templates");
  }
}

/**
 * One template of a service: from the cached list, else asked for by id (a template can be
 * readable but left out of the list). Null when Notify does not have it.
 */
export async function findTemplate(serviceKey: string, templateId: string): Promise<NotifyTemplate | null> {
  const listed = (await serviceTemplates(serviceKey)).find((template) => template.id === templateId.toLowerCase());
  if (listed) return listed;
  try {
    return await (await notifyClientFor(serviceKey)).getTemplateById(templateId);
  } catch (error) {
    if (error instanceof NotifyError && (error.status === 404 || error.status === 400)) return null;
    throw error;
  }
}
