import { categories, type Category } from "@/lib/rules/categories";
import { uuidV5 } from "./ids";

// The simulator's template catalogue: one email and one SMS template per event category, and a few
// letters for tenants. Ids are uuid v5 names under a fixed namespace, so they are the same on every
// run and the app can refer to them (`notifyTemplateIds.email.visitDue`).

export type TemplateType = "email" | "sms" | "letter";
export type Postage = "first" | "second" | "economy";

/** One version of a template, as Notify stores it. */
export type SimulatorTemplate = {
  id: string;
  version: number;
  type: TemplateType;
  name: string;
  subject: string | null;
  body: string;
  postage: Postage | null;
  letterContactBlock: string | null;
  createdAt: string;
  updatedAt: string | null;
  createdBy: string;
  /** Archived templates are still readable but refuse sends with "Template has been deleted". */
  archived?: boolean;
  /** Hidden templates (e.g. the precompiled-letter one) are left out of the templates list. */
  hidden?: boolean;
};

const templateNamespace = "4ef93568-2630-4206-9727-b4fa0bed3a25";

function templateId(name: string): string {
  return uuidV5(name, templateNamespace);
}

const catalogueDefaults = {
  version: 1,
  createdAt: "2026-01-05T09:00:00.000000Z",
  updatedAt: null,
  createdBy: "notify-simulator@housing.example.gov.uk",
} as const;

/** Each service's hidden "Pre-compiled PDF" template, which precompiled letters are recorded against. */
export function precompiledLetterTemplate(serviceId: string): SimulatorTemplate {
  return {
    ...catalogueDefaults,
    id: uuidV5("precompiled-letter", serviceId),
    type: "letter",
    name: "Pre-compiled PDF",
    subject: "Pre-compiled PDF",
    body: "",
    postage: "second",
    letterContactBlock: null,
    hidden: true,
  };
}

const letterContactBlock = "Housing Services\nCivic Centre\nHigh Street\nLondon\nN1 1AA\n020 7946 0000";

function emailTemplate(category: Category): SimulatorTemplate {
  const actionLine = category.requireAction ? `You need to ${category.actionLabel.toLowerCase()}.\n\n` : "";
  return {
    ...catalogueDefaults,
    id: templateId(`${category.key}:email`),
    type: "email",
    name: `${category.name} (email)`,
    subject: `${category.name}: ((title))`,
    body:
      `Dear ((recipient_name)),\n\n((urgent??This is urgent. Please deal with it today.\n\n))((summary))\n\n` +
      `${actionLine}${category.actionLabel}: ((action_url))\n\nHousing Services`,
    postage: null,
    letterContactBlock: null,
  };
}

function smsTemplate(category: Category): SimulatorTemplate {
  return {
    ...catalogueDefaults,
    id: templateId(`${category.key}:sms`),
    type: "sms",
    name: `${category.name} (text message)`,
    subject: null,
    body: `${category.name}: ((title)). ((urgent??Urgent. ))${category.actionLabel}: ((action_url))`,
    postage: null,
    letterContactBlock: null,
  };
}

const letterKeys = ["visitDue", "noAccess", "communalComponentOutOfService"] as const;
type LetterKey = (typeof letterKeys)[number];

const letterBodies: Record<LetterKey, { name: string; subject: string; body: string }> = {
  visitDue: {
    name: "Visit due (letter)",
    subject: "We will visit ((property)) on ((visit_date))",
    body: "Dear ((recipient_name)),\n\nWe will visit ((property)) on ((visit_date)) to ((work)).\n\n((summary))\n\nIf this date does not suit you, call us on 020 7946 0000.",
  },
  noAccess: {
    name: "Work team could not get in (letter)",
    subject: "We could not get into ((property))",
    body: "Dear ((recipient_name)),\n\nWe called at ((property)) on ((visit_date)) to ((work)), but we could not get in.\n\nPlease call us on 020 7946 0000 to arrange another visit.",
  },
  communalComponentOutOfService: {
    name: "Communal component out of service (letter)",
    subject: "((component)) at ((property)) is out of service",
    body: "Dear ((recipient_name)),\n\n((component)) at ((property)) is out of service.\n\n((summary))\n\nWe expect it to work again by ((expected_date)).",
  },
};

function letterTemplate(key: LetterKey): SimulatorTemplate {
  return {
    ...catalogueDefaults,
    ...letterBodies[key],
    id: templateId(`${key}:letter`),
    type: "letter",
    postage: "second",
    letterContactBlock,
  };
}

/**
 * A text whose whole content is the caller's message: what POST /api/v1/sms sends through (a
 * council's Notify service has its own, named by NOTIFY_FREE_TEXT_SMS_TEMPLATE_ID).
 */
const freeTextSmsTemplate: SimulatorTemplate = {
  ...catalogueDefaults,
  id: templateId("free-text:sms"),
  type: "sms",
  name: "Free text (text message)",
  subject: null,
  body: "((message))",
  postage: null,
  letterContactBlock: null,
};

/**
 * The daily digest: one email listing a person's items since their last digest. `items` is a list
 * (Notify turns a list value into bullets), each "category: message – link".
 */
const digestEmailTemplate: SimulatorTemplate = {
  ...catalogueDefaults,
  id: templateId("dailyDigest:email"),
  type: "email",
  name: "Daily digest (email)",
  subject: "Your daily summary: ((item_count)) new",
  body:
    "Dear ((recipient_name)),\n\nThese arrived since your last summary:\n\n((items))\n\n" +
    "Choose how you hear about each kind at ((preferences_url))\n\nHousing Services",
  postage: null,
  letterContactBlock: null,
};

/**
 * Subscriptions' emails (issue 13): an event to a subscription's addresses, or a notice to its
 * contacts. The centre writes the whole subject and body; the template only carries them.
 */
const subscriptionEmailTemplate: SimulatorTemplate = {
  ...catalogueDefaults,
  id: templateId("subscription:email"),
  type: "email",
  name: "Subscription email",
  subject: "((subject))",
  body: "((body))",
  postage: null,
  letterContactBlock: null,
};

/** Every template the simulator knows unless `templates` is passed to it. */
export const catalogueTemplates: readonly SimulatorTemplate[] = [
  ...categories.flatMap((category) => [emailTemplate(category), smsTemplate(category)]),
  ...letterKeys.map(letterTemplate),
  freeTextSmsTemplate,
  digestEmailTemplate,
  subscriptionEmailTemplate,
];

/** Catalogue template ids: by category key for email and SMS, by letter name for letters. */
export const notifyTemplateIds = {
  email: Object.fromEntries(categories.map((category) => [category.key, templateId(`${category.key}:email`)])),
  sms: Object.fromEntries(categories.map((category) => [category.key, templateId(`${category.key}:sms`)])),
  letter: {
    visitDue: templateId("visitDue:letter"),
    noAccess: templateId("noAccess:letter"),
    communalComponentOutOfService: templateId("communalComponentOutOfService:letter"),
  } satisfies Record<LetterKey, string>,
  freeTextSms: freeTextSmsTemplate.id,
  digestEmail: digestEmailTemplate.id,
  subscriptionEmail: subscriptionEmailTemplate.id,
};

/** The catalogue template for a category and channel, or undefined when there is none. */
export function catalogueTemplateId(categoryKey: string, channel: "email" | "sms"): string | undefined {
  return notifyTemplateIds[channel][categoryKey];
}
