import { parseJsonBody, type RouteHandler } from "../context";
import { badRequestError, noResultFoundError, validationError } from "../errors";
import { parseUuid } from "../ids";
import { missingPersonalisation } from "../personalisation";
import { isPlainObject } from "../python-values";
import { renderEmailHtml, renderMarkdownBody, renderSmsBody, renderSubject } from "../rendering";
import { personalisationRule, uuidRule, validateBody, type ObjectSchema } from "../schema";
import { serialiseTemplate, templatePlaceholders } from "../template-catalogue";
import type { SimulatorTemplate } from "../templates";

// Template endpoints (notifications-api app/v2/template/*).

function findTemplate(
  context: Parameters<RouteHandler>[0],
  rawId: string | undefined,
  version?: number,
): SimulatorTemplate {
  const id = parseUuid(rawId);
  if (!id) throw validationError(["id is not a valid UUID"]);
  const template = context.templates.find(id, version);
  if (!template) throw noResultFoundError();
  return template;
}

// GET /v2/template/{id} – the current version of a template
export const getTemplate: RouteHandler = (context, request) => ({
  status: 200,
  json: serialiseTemplate(findTemplate(context, request.params[0])),
});

// GET /v2/template/{id}/version/{version} – one version of a template
export const getTemplateVersion: RouteHandler = (context, request) => ({
  status: 200,
  json: serialiseTemplate(findTemplate(context, request.params[0], Number(request.params[1]))),
});

const previewSchema: ObjectSchema = { properties: { id: uuidRule, personalisation: personalisationRule } };

// POST /v2/template/{id}/preview – the template filled in with personalisation
export const previewTemplate: RouteHandler = (context, request) => {
  const json = request.rawBody.trim() === "" ? {} : parseJsonBody(request.rawBody);
  const body = validateBody(isPlainObject(json) ? { ...json, id: request.params[0] } : json, previewSchema);
  const template = findTemplate(context, request.params[0]);
  const personalisation = isPlainObject(body.personalisation) ? body.personalisation : {};
  const missing = missingPersonalisation(templatePlaceholders(template), personalisation);
  if (missing.length > 0) throw badRequestError(`Missing personalisation: ${missing.join(", ")}`);
  return {
    status: 200,
    json: {
      id: template.id,
      type: template.type,
      version: template.version,
      body:
        template.type === "sms"
          ? renderSmsBody(template.body, personalisation)
          : renderMarkdownBody(template.body, personalisation),
      html: template.type === "email" ? renderEmailHtml(template.body, personalisation) : null,
      subject: template.type === "sms" ? null : renderSubject(template.subject ?? "", personalisation),
      postage: template.type === "letter" ? template.postage : null,
    },
  };
};

// GET /v2/templates – the service's live templates, optionally of one type
export const listTemplates: RouteHandler = (context, request) => {
  const query = validateBody(Object.fromEntries(request.url.searchParams), {
    properties: { type: { types: ["string"], enum: ["sms", "email", "letter"] } },
  });
  const type = query.type === "sms" || query.type === "email" || query.type === "letter" ? query.type : undefined;
  return { status: 200, json: { templates: context.templates.listCurrent(type).map(serialiseTemplate) } };
};
