import pino from "pino";

// A failed query's parameters are the people it was about: names, email addresses, phone numbers.
// Drizzle's DrizzleQueryError carries them in a `params` field and in its message ("Failed query:
// …\nparams: …"); postgres.js keeps them as `parameters`; PostgreSQL repeats an offending value in
// its own message (`invalid input syntax for type uuid: "…"`) and detail (`Key (email)=(…) already
// exists`, `Failing row contains (…)`). pino joins every cause's message and stack into the logged
// error, so each of those is rewritten wherever in the chain it appears.

const redacted = "[redacted]";
const parameterFields = new Set(["params", "parameters"]);
const maxDepth = 8;

type ErrorLike = { message: string; [field: string]: unknown };
type FailedQuery = { query: string | undefined; parameters: unknown[] };

/** pino's error serializer, then every query parameter taken out of what it wrote. */
export function serializeError(value: unknown): unknown {
  const serialized: unknown = pino.stdSerializers.err(value as Error);
  if (serialized === value) return value;
  return redactValue(serialized, failedQueriesIn(value), 0);
}

/** An error's own message as pino writes it in `msg` when the error is logged on its own, redacted. */
export function redactedMessageOf(error: { message: string }): string {
  return redactText(error.message, failedQueriesIn(error));
}

export function isErrorLike(value: unknown): value is ErrorLike {
  return typeof value === "object" && value !== null && typeof (value as ErrorLike).message === "string";
}

/** The query and parameters of each error in the chain (causes and aggregated errors included). */
function failedQueriesIn(error: unknown): FailedQuery[] {
  const found: FailedQuery[] = [];
  const seen = new Set<unknown>();
  const visit = (candidate: unknown, depth: number) => {
    if (!isErrorLike(candidate) || seen.has(candidate) || depth > maxDepth) return;
    seen.add(candidate);
    const query = typeof candidate.query === "string" ? candidate.query : undefined;
    for (const field of parameterFields) {
      const parameters = candidate[field];
      if (Array.isArray(parameters)) found.push({ query, parameters });
    }
    visit(candidate.cause, depth + 1);
    if (Array.isArray(candidate.errors)) for (const inner of candidate.errors) visit(inner, depth + 1);
  };
  visit(error, 0);
  return found;
}

function redactValue(value: unknown, queries: FailedQuery[], depth: number): unknown {
  if (typeof value === "string") return redactText(value, queries);
  if (typeof value !== "object" || value === null || depth > maxDepth) return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, queries, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [field, fieldValue] of Object.entries(value)) {
    if (parameterFields.has(field)) continue;
    copy[field] =
      field === "detail" && typeof fieldValue === "string"
        ? redactDetail(fieldValue)
        : field === "query"
          ? fieldValue
          : redactValue(fieldValue, queries, depth + 1);
  }
  return copy;
}

function redactText(text: string, queries: FailedQuery[]): string {
  // The query text itself holds placeholders ($1), not values; it is set aside so that a parameter
  // equal to a quoted column name ("email") does not mangle it.
  const queryTexts = [...new Set(queries.flatMap(({ query }) => (query ? [query] : [])))];
  let result = text;
  queryTexts.forEach((query, index) => (result = result.replaceAll(query, `\u0000${index}\u0000`)));
  for (const { parameters } of queries) {
    result = result.replaceAll(`params: ${String(parameters)}`, `params: ${redacted}`);
    for (const parameter of parameters) {
      const shown = String(parameter);
      if (shown !== "") result = result.replaceAll(`"${shown}"`, `"${redacted}"`);
    }
  }
  // A "params:" line whose list was not on the error (a message copied into another error's).
  result = result.replace(/^params: (?!\[redacted\]).*$/gm, `params: ${redacted}`);
  return result.replace(/\u0000(\d+)\u0000/g, (_match, index: string) => queryTexts[Number(index)]!);
}

/** PostgreSQL's detail names the columns (worth keeping) and repeats the values (not). */
function redactDetail(detail: string): string {
  return detail
    .replace(/^(Key \(.*?\))=\(.*\)/s, `$1=(${redacted})`)
    .replace(/^Failing row contains \(.*\)/s, `Failing row contains (${redacted})`);
}
