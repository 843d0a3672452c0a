import { withValue, type Problem } from "./read-variables";
import { serviceApiKeyVariable, variables } from "./variables";

// Rules about variables together. They look at what is set (trimmed, empty dropped), so they
// report alongside the variables that are bad on their own: one start-up message lists everything.

type SetVariables = Record<string, string>;
type Rule = (set: SetVariables) => Problem[];

/** A feature configured by several variables: setting some but not all is a mistake, not "off". */
function allOrNone(feature: string, names: string[]): Rule {
  return (set) => {
    const given = names.filter((name) => set[name] !== undefined);
    if (given.length === 0 || given.length === names.length) return [];
    return names
      .filter((name) => set[name] === undefined)
      .map((name) => ({
        variable: name,
        reason: `is needed for ${feature}, as ${given.join(" and ")} ${given.length === 1 ? "is" : "are"} set`,
      }));
  };
}

const retryDelayWithinMaximum: Rule = (set) => {
  const first = variables.DELIVERY_RETRY_DELAY_SECONDS.schema.safeParse(set.DELIVERY_RETRY_DELAY_SECONDS);
  const maximum = variables.DELIVERY_RETRY_DELAY_MAX_SECONDS.schema.safeParse(set.DELIVERY_RETRY_DELAY_MAX_SECONDS);
  if (!first.success || !maximum.success || maximum.data >= first.data) return [];
  const reason = `must be at least DELIVERY_RETRY_DELAY_SECONDS (${first.data})`;
  return [
    {
      variable: "DELIVERY_RETRY_DELAY_MAX_SECONDS",
      reason: withValue(reason, "DELIVERY_RETRY_DELAY_MAX_SECONDS", set.DELIVERY_RETRY_DELAY_MAX_SECONDS),
    },
  ];
};

/**
 * The real GOV.UK Notify needs a key for every service callers may name, and the council's own
 * templates for preference copies and free-text texts: the simulator's catalogue ids mean nothing to a real service,
 * so a missing one is a start-up error rather than a fallback that fails at send time.
 */
const realNotifyNeeds: Rule = (set) => {
  if (set.NOTIFY_API_KEY === undefined) return [];
  const problems: Problem[] = [];
  for (const name of ["NOTIFY_PREFERENCE_TEMPLATE_EMAIL", "NOTIFY_PREFERENCE_TEMPLATE_SMS"]) {
    if (set[name] === undefined)
      problems.push({
        variable: name,
        reason: "is needed with the real GOV.UK Notify (NOTIFY_API_KEY is set): the template for preference copies",
      });
  }
  if (set.NOTIFY_FREE_TEXT_SMS_TEMPLATE_ID === undefined)
    problems.push({
      variable: "NOTIFY_FREE_TEXT_SMS_TEMPLATE_ID",
      reason:
        "is needed with the real GOV.UK Notify (NOTIFY_API_KEY is set): the text message template with the single field ((message)), for POST /api/v1/sms",
    });
  if (set.NOTIFY_DIGEST_TEMPLATE_EMAIL === undefined)
    problems.push({
      variable: "NOTIFY_DIGEST_TEMPLATE_EMAIL",
      reason: "is needed with the real GOV.UK Notify (NOTIFY_API_KEY is set): the email template for daily digests",
    });
  if (set.NOTIFY_SUBSCRIPTION_TEMPLATE_EMAIL === undefined)
    problems.push({
      variable: "NOTIFY_SUBSCRIPTION_TEMPLATE_EMAIL",
      reason:
        "is needed with the real GOV.UK Notify (NOTIFY_API_KEY is set): the email template with ((subject)) and ((body)), for subscriptions",
    });
  const services = variables.NOTIFY_SERVICES.schema.safeParse(set.NOTIFY_SERVICES);
  for (const service of services.success ? services.data.slice(1) : []) {
    const name = serviceApiKeyVariable(service);
    const key = variables["NOTIFY_API_KEY_<SERVICE>"].schema.safeParse(set[name]);
    if (set[name] === undefined)
      problems.push({
        variable: name,
        reason: `is needed with the real GOV.UK Notify (NOTIFY_API_KEY is set): the key of the service "${service}"`,
      });
    // A key is a secret: the reason never repeats it.
    else if (!key.success) problems.push({ variable: name, reason: key.error.issues[0]!.message });
  }
  return problems;
};

const rules: Rule[] = [
  allOrNone("sign-in with Microsoft Entra ID", [
    "AUTH_MICROSOFT_ENTRA_ID_ID",
    "AUTH_MICROSOFT_ENTRA_ID_SECRET",
    "AUTH_MICROSOFT_ENTRA_ID_TENANT_ID",
  ]),
  allOrNone("sign-in with Google Workspace", ["AUTH_GOOGLE_ID", "AUTH_GOOGLE_SECRET"]),
  retryDelayWithinMaximum,
  realNotifyNeeds,
];

/** Every problem with how the set variables fit together. */
export function crossFieldProblems(set: SetVariables): Problem[] {
  return rules.flatMap((rule) => rule(set));
}
