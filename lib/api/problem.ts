import { ZodError, type core } from "zod";
import { logger } from "@/lib/logging/logger";
import { ApiError, errorCodes, type ErrorCode, type FieldError } from "./errors";

/** RFC 9457 problem details, with the per-field `errors` list API.md promises. */
export type ProblemDetails = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  correlationId: string;
  errors?: FieldError[];
};

export const problemContentType = "application/problem+json";

/** Turns anything thrown while handling a request into one problem+json response. Never leaks internals. */
export function toProblemResponse(error: unknown, context: { correlationId: string; instance?: string }): Response {
  const unavailable = error instanceof ApiError ? undefined : describeUnavailable(error);
  const apiError = unavailable ? databaseUnavailable(unavailable, error) : toApiError(error);
  if (unavailable) {
    // Only the code: a storm of these while the database restarts must not log queries or their parameters.
    logger.warn({ errorCode: unavailable, correlationId: context.correlationId }, "database unavailable");
  } else if (apiError.status >= 500) {
    logger.error({ err: error, correlationId: context.correlationId, path: context.instance }, "request failed");
  }
  const body: ProblemDetails = {
    type: problemType(apiError.code),
    title: errorCodes[apiError.code].title,
    status: apiError.status,
    detail: apiError.message,
    instance: context.instance,
    correlationId: context.correlationId,
    ...(apiError.errors ? { errors: apiError.errors } : {}),
  };
  return new Response(JSON.stringify(body), {
    status: apiError.status,
    headers: {
      "content-type": problemContentType,
      "cache-control": "no-store",
      "x-correlation-id": context.correlationId,
      ...apiError.headers,
    },
  });
}

export function problemType(code: ErrorCode): string {
  return `/api/docs#problem-${code.replaceAll("_", "-")}`;
}

/** A database that cannot serve the request (down, restarting, or no connection free): 503, retry soon. */
function databaseUnavailable(code: string, error: unknown): ApiError {
  return new ApiError("service_unavailable", "The database is unavailable or busy; try again shortly", {
    headers: { "retry-after": code === "DATABASE_BUSY" ? "1" : "5" },
    cause: error,
  });
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof ZodError) return validationError(error.issues);
  const databaseCode = findDatabaseErrorCode(error);
  if (databaseCode === "23505") return new ApiError("conflict", "That record already exists", { cause: error });
  if (databaseCode === "40001" || databaseCode === "40P01") {
    return new ApiError("service_unavailable", "The request clashed with another; try again", {
      headers: { "retry-after": "1" },
      cause: error,
    });
  }
  return new ApiError(
    "internal_error",
    "Something went wrong on our side. Quote the correlation id if you report it.",
    {
      cause: error,
    },
  );
}

/** A 400 naming every failing field at once. */
export function validationError(issues: readonly core.$ZodIssue[]): ApiError {
  return fieldValidationError(fieldErrorsOf(issues));
}

/** zod's issues as the `errors` a problem document lists. */
export function fieldErrorsOf(issues: readonly core.$ZodIssue[]): FieldError[] {
  return issues.flatMap(explainUnion).map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/** The same 400 for checks made outside zod (templates, recipients, stored text). */
export function fieldValidationError(errors: FieldError[]): ApiError {
  const fields = [...new Set(errors.map((error) => error.path || "body"))];
  return new ApiError("bad_request", `The request is not valid: check ${fields.join(", ")}`, { errors });
}

/**
 * A union such as "one activity or an array of them" fails as a whole; when exactly one branch
 * matched the value's type (object vs array), its own field errors say far more.
 */
function explainUnion(issue: core.$ZodIssue): core.$ZodIssue[] {
  if (issue.code !== "invalid_union" || !("errors" in issue) || !Array.isArray(issue.errors)) return [issue];
  const matching = issue.errors.filter(
    (branch: core.$ZodIssue[]) => !branch.some((inner) => inner.code === "invalid_type" && inner.path.length === 0),
  );
  if (matching.length !== 1) return [issue];
  return matching[0]!.flatMap((inner: core.$ZodIssue) =>
    explainUnion({ ...inner, path: [...issue.path, ...inner.path] }),
  );
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map(String).join(".");
}

// Codes meaning "the database cannot be reached or cannot take the query now", not "the query is wrong":
// socket errors, postgres.js's own, the pool gate's (db/pool-gate.ts), and SQLSTATEs for a server that
// is shutting down, starting up or out of connections (class 08 is matched as a prefix below).
const unavailableCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "DATABASE_BUSY",
  "57P01", // admin_shutdown: pg_terminate_backend, or a server stopping
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: starting up
  "53300", // too_many_connections
]);

/** The code that makes this error a 503, when it is one: looks through drizzle's causes and AggregateErrors. */
function describeUnavailable(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== "object" || depth > 5) return undefined;
  const code = "code" in error && typeof error.code === "string" ? error.code : undefined;
  if (code && (unavailableCodes.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return code;
  const inner = [
    ...(error instanceof AggregateError ? error.errors : []),
    error instanceof Error ? error.cause : undefined,
  ];
  for (const candidate of inner) {
    const found = describeUnavailable(candidate, depth + 1);
    if (found) return found;
  }
  return undefined;
}

// drizzle wraps driver errors; PGlite and postgres.js both put the SQLSTATE in `code`.
function findDatabaseErrorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (
      typeof current === "object" &&
      "code" in current &&
      typeof current.code === "string" &&
      /^[0-9A-Z]{5}$/.test(current.code)
    ) {
      return current.code;
    }
    current = current instanceof Error ? current.cause : undefined;
  }
  return undefined;
}
