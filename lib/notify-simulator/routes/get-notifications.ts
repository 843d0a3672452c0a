import type { RouteHandler } from "../context";
import { badRequestError, noResultFoundError, pdfNotReadyError, validationError } from "../errors";
import { parseUuid } from "../ids";
import { renderLetterPdf } from "../letter-pdf";
import { addressFields } from "../letter-address";
import { uuidRule, validateBody, type ObjectSchema } from "../schema";
import { serialiseNotification } from "../serialise-notification";
import { currentStep, statusesForFilter, statusFilterValues } from "../status-progression";
import type { StoredNotification } from "../store";
import { toMicroseconds } from "../time";

const pageSize = 250;

function findOwnNotification(context: Parameters<RouteHandler>[0], rawId: string | undefined): StoredNotification {
  const id = parseUuid(rawId);
  if (!id) throw validationError(["notification_id is not a valid UUID"]);
  const notification = context.store.find(id);
  if (!notification || notification.serviceId !== context.service.serviceId) throw noResultFoundError();
  return notification;
}

// GET /v2/notifications/{id} – one notification, any key type of the same service
export const getNotification: RouteHandler = (context, request) => {
  const notification = findOwnNotification(context, request.params[0]);
  return {
    status: 200,
    json: serialiseNotification(notification, toMicroseconds(context.clock.now()), context.baseUrl()),
  };
};

const listQuerySchema: ObjectSchema = {
  properties: {
    reference: { types: ["string"] },
    status: { types: ["array"], items: { types: ["string"], enum: statusFilterValues } },
    template_type: { types: ["array"], items: { types: ["string"], enum: ["sms", "email", "letter"] } },
    include_jobs: { types: ["string"], enum: ["true", "True"] },
    older_than: uuidRule,
  },
};

/** `request.args.to_dict(flat=False)` with the single-valued parameters unwrapped, as Notify reads them. */
function readListQuery(searchParams: URLSearchParams): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  for (const key of new Set(searchParams.keys())) {
    const values = searchParams.getAll(key);
    query[key] = ["reference", "include_jobs", "older_than"].includes(key) ? values[0] : values;
  }
  return query;
}

// GET /v2/notifications – the caller's key type's notifications, newest first, 250 a page
export const listNotifications: RouteHandler = (context, request) => {
  const query = validateBody(readListQuery(request.url.searchParams), listQuerySchema);
  const now = toMicroseconds(context.clock.now());
  const statuses = Array.isArray(query.status)
    ? new Set(query.status.flatMap((status) => statusesForFilter(String(status))))
    : null;
  const types = Array.isArray(query.template_type) ? new Set(query.template_type.map(String)) : null;
  const olderThan =
    typeof query.older_than === "string" ? context.store.find(parseUuid(query.older_than) ?? "") : undefined;

  const page = context.store
    .all()
    .filter(
      (notification) =>
        notification.serviceId === context.service.serviceId &&
        notification.keyType === request.keyType &&
        (typeof query.reference !== "string" || notification.reference === query.reference) &&
        (!types || types.has(notification.type)) &&
        (!statuses || statuses.has(currentStep(notification.timeline, now).status)) &&
        (olderThan === undefined || (olderThan !== null && notification.createdAt < olderThan.createdAt)),
    )
    .slice(0, pageSize);

  const current = new URL(`${context.baseUrl()}/v2/notifications`);
  current.search = request.url.search;
  const links: { current: string; next?: string } = { current: current.toString() };
  if (page.length > 0) {
    const next = new URL(current);
    next.searchParams.set("older_than", page.at(-1)!.id);
    links.next = next.toString();
  }
  return {
    status: 200,
    json: {
      notifications: page.map((notification) => serialiseNotification(notification, now, context.baseUrl())),
      links,
    },
  };
};

function letterLines(notification: StoredNotification): string[] {
  const address = Object.values(addressFields(notification.personalisation)).filter((line) => line !== null);
  return [...address, "", notification.subject ?? "", "", ...notification.body.split("\n")];
}

// GET /v2/notifications/{id}/pdf – the letter as printed
export const getLetterPdf: RouteHandler = (context, request) => {
  const notification = findOwnNotification(context, request.params[0]);
  if (notification.type !== "letter") throw badRequestError("Notification is not a letter");
  const now = toMicroseconds(context.clock.now());
  const { status } = currentStep(notification.timeline, now);
  if (status === "pending-virus-check") throw pdfNotReadyError();
  const stillRendering =
    notification.pdf === null && now < notification.createdAt + toMicroseconds(context.timing.templatedLetterPdfMs);
  if (stillRendering) throw pdfNotReadyError();
  if (status === "virus-scan-failed") throw badRequestError("File did not pass the virus scan");
  if (status === "technical-failure")
    throw badRequestError("PDF not available for letters in status technical-failure");
  return { status: 200, pdf: notification.pdf ?? renderLetterPdf(letterLines(notification)) };
};

// GET /v2/received-text-messages – inbound texts; the simulator receives none
export const listReceivedTexts: RouteHandler = (context, request) => {
  validateBody(Object.fromEntries(request.url.searchParams), { properties: { older_than: uuidRule } });
  return {
    status: 200,
    json: { received_text_messages: [], links: { current: `${context.baseUrl()}/v2/received-text-messages` } },
  };
};
