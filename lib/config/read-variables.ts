import { z } from "zod";
import { variables, type ExactVariableName, type VariableDefinition } from "./variables";

export type Environment = Record<string, string | undefined>;

/** One bad variable and why, e.g. `DELIVERY_RETRY_LIMIT: must be a whole number of at least 0, not 'ten'`. */
export type Problem = { variable: string; reason: string };

export class InvalidSettingsError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`Invalid configuration:\n  ${problems.map(({ variable, reason }) => `${variable}: ${reason}`).join("\n  ")}`);
    this.name = "InvalidSettingsError";
  }
}

/**
 * Trims every value and drops empty ones: an exported-but-empty variable (`DATABASE_URL=`) means
 * "not set", as in most tools.
 */
export function setVariables(environment: Environment): Record<string, string> {
  const set: Record<string, string> = {};
  for (const [name, value] of Object.entries(environment)) {
    const trimmed = value?.trim();
    if (trimmed) set[name] = trimmed;
  }
  return set;
}

const definitions: Record<string, VariableDefinition> = variables;

const exactNames = Object.keys(variables).filter((name): name is ExactVariableName => !definitions[name]?.perService);

const environmentSchema = z.object(
  Object.fromEntries(exactNames.map((name) => [name, variables[name].schema])) as {
    [Name in ExactVariableName]: (typeof variables)[Name]["schema"];
  },
);

/** The parsed value of every variable read by its exact name. */
export type VariableValues = z.output<typeof environmentSchema>;

/** Parses every variable at once: the values, or every bad one with its reason. */
export function parseVariables(set: Record<string, string>): { values: VariableValues } | { problems: Problem[] } {
  const parsed = environmentSchema.safeParse(set);
  if (parsed.success) return { values: parsed.data };
  return {
    problems: parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0]);
      return { variable, reason: withValue(issue.message, variable, set[variable]) };
    }),
  };
}

/** Appends the bad value to the reason, unless the variable holds a secret (or a password in a URL). */
export function withValue(reason: string, variable: string, value: string | undefined): string {
  if (value === undefined || definitions[variable]?.secret || definitions[variable]?.namesFile) return reason;
  return `${reason}, not '${value}'`;
}
