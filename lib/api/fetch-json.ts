import { ApiError, errorCodes, type ErrorCode, type FieldError } from "./errors";

type Problem = { status?: number; detail?: string; title?: string; errors?: FieldError[] };

const codeForStatus = (status: number): ErrorCode =>
  (Object.entries(errorCodes).find(([, value]) => value.status === status)?.[0] as ErrorCode | undefined) ??
  "internal_error";

/**
 * The browser's way to call our API: JSON in and out with the session cookie, and a problem
 * response rethrown as the same ApiError the server threw, field errors included.
 */
export async function fetchJson<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? "GET",
      headers:
        init.body === undefined
          ? { accept: "application/json" }
          : { accept: "application/json", "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: "same-origin",
      signal: init.signal,
    });
  } catch (error) {
    // A cancelled query stays a cancellation; a network failure ("Failed to fetch") gets words a person can act on.
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(
      "service_unavailable",
      "Could not reach the Notification Centre. Check your connection and try again.",
      { cause: error },
    );
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const problem = (payload ?? {}) as Problem;
    throw new ApiError(
      codeForStatus(response.status),
      problem.detail ?? problem.title ?? `The request failed (${response.status})`,
      {
        errors: problem.errors,
      },
    );
  }
  return payload as T;
}
