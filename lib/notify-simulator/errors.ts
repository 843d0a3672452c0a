// Notify's error bodies (notifications-api app/v2/errors.py): `{ status_code, errors: [{ error, message }] }`
// for everything under /v2, and the older `{ result, message }` shape for URLs no route matches.

export type NotifyErrorEntry = { error: string; message: string };

/** A response the simulator answers with instead of a success; thrown by routes, caught by the server. */
export class SimulatorHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`Notify simulator answered ${status}`);
    this.name = "SimulatorHttpError";
  }
}

function v2Error(status: number, errors: NotifyErrorEntry[]) {
  return new SimulatorHttpError(status, { status_code: status, errors });
}

export function authError(status: 401 | 403, message: string) {
  return v2Error(status, [{ error: "AuthError", message }]);
}

export function badRequestError(message: string, status: 400 | 403 = 400) {
  return v2Error(status, [{ error: "BadRequestError", message }]);
}

export function validationError(messages: string[]) {
  return v2Error(
    400,
    messages.map((message) => ({ error: "ValidationError", message })),
  );
}

export function invalidPhoneError(message: string) {
  return v2Error(400, [{ error: "InvalidPhoneError", message }]);
}

export function noResultFoundError() {
  return v2Error(404, [{ error: "NoResultFound", message: "No result found" }]);
}

export function pdfNotReadyError() {
  return v2Error(400, [{ error: "PDFNotReadyError", message: "PDF not available yet, try again later" }]);
}

const keyTypeLabels = { normal: "LIVE", team: "TEAM", test: "TEST" } as const;

export function rateLimitError(keyType: keyof typeof keyTypeLabels, requests: number, perSeconds: number) {
  const message = `Exceeded rate limit for key type ${keyTypeLabels[keyType]} of ${requests} requests per ${perSeconds} seconds`;
  return v2Error(429, [{ error: "RateLimitError", message }]);
}

export function dailyLimitError(limitName: string, limit: number) {
  return v2Error(429, [
    { error: "TooManyRequestsError", message: `Exceeded send limits (${limitName}: ${limit}) for today` },
  ]);
}

export function internalServerError(errorClass = "Exception") {
  return v2Error(500, [{ error: errorClass, message: "Internal server error" }]);
}

export function urlNotFoundError() {
  return new SimulatorHttpError(404, {
    result: "error",
    message:
      "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.",
  });
}

export function methodNotAllowedError() {
  return new SimulatorHttpError(405, { result: "error", message: "The method is not allowed for the requested URL." });
}
