import { withValue, type Problem } from "./read-variables";
import { variables } from "./variables";

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

const rules: Rule[] = [
  allOrNone("sign-in with Microsoft Entra ID", [
    "AUTH_MICROSOFT_ENTRA_ID_ID",
    "AUTH_MICROSOFT_ENTRA_ID_SECRET",
    "AUTH_MICROSOFT_ENTRA_ID_TENANT_ID",
  ]),
  allOrNone("sign-in with Google Workspace", ["AUTH_GOOGLE_ID", "AUTH_GOOGLE_SECRET"]),
  retryDelayWithinMaximum,
];

/** Every problem with how the set variables fit together. */
export function crossFieldProblems(set: SetVariables): Problem[] {
  return rules.flatMap((rule) => rule(set));
}
