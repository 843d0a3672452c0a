import { createHmac, timingSafeEqual } from "node:crypto";
import type { SimulatedApiKey } from "./api-keys";
import { authError } from "./errors";
import { isUuid, parseUuid } from "./ids";
import { isPlainObject } from "./python-values";

// Notify's authentication (notifications-api app/authentication/auth.py with the python client's
// decode_jwt_token): checks run in this order, each failing with Notify's exact message.

const clockSkewSeconds = 30;
const undecodableMessage =
  "Invalid token: make sure your API token matches the example at https://docs.notifications.service.gov.uk/rest-api.html#authorisation-header";
const clockMessage = "Error: Your system clock must be accurate to within 30 seconds";

export type AuthService = { serviceId: string; archived: boolean; apiKeys: readonly SimulatedApiKey[] };

type DecodedToken = {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signedPart: string;
  signature: Buffer;
};

function decodeSegment(segment: string): unknown {
  if (!/^[A-Za-z0-9_-]*$/.test(segment)) throw new Error("not base64url");
  return JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
}

function decodeWithoutVerifying(token: string): DecodedToken | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  try {
    const header = decodeSegment(headerPart);
    const payload = decodeSegment(payloadPart);
    if (!isPlainObject(header) || !isPlainObject(payload)) return null;
    return {
      header,
      payload,
      signedPart: `${headerPart}.${payloadPart}`,
      signature: Buffer.from(signaturePart, "base64url"),
    };
  } catch {
    return null;
  }
}

function signatureMatches(token: DecodedToken, secret: string): boolean {
  const expected = createHmac("sha256", Buffer.from(secret, "utf8")).update(token.signedPart).digest();
  return expected.length === token.signature.length && timingSafeEqual(expected, token.signature);
}

function numericClaim(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === "string" && /^-?\d+$/.test(value.trim())) return Number(value);
  return null;
}

/**
 * PyJWT's claim checks (leeway 30 s, against the exact time), then the python client's own
 * window, which compares whole seconds (`calendar.timegm(time.gmtime())`).
 */
function checkClaims(payload: Record<string, unknown>, nowMilliseconds: number): "ok" | "skip-key" {
  const exactNow = nowMilliseconds / 1000;
  if (!("iat" in payload)) return "skip-key";
  const issuedAt = numericClaim(payload.iat);
  if (issuedAt === null || issuedAt > exactNow + clockSkewSeconds) throw authError(403, clockMessage);
  const notBefore = "nbf" in payload ? numericClaim(payload.nbf) : null;
  if (notBefore !== null && notBefore > exactNow + clockSkewSeconds) throw authError(403, clockMessage);
  if ("exp" in payload) {
    const expiry = numericClaim(payload.exp);
    if (expiry === null) return "skip-key";
    if (expiry <= exactNow - clockSkewSeconds) throw authError(403, undecodableMessage);
  }
  if ("aud" in payload) throw authError(403, undecodableMessage);
  if (Math.floor(exactNow) > issuedAt + clockSkewSeconds) throw authError(403, clockMessage);
  return "ok";
}

/** The API key that signed the request's bearer token, or a thrown 401/403 in Notify's words. */
export function authenticate(
  authorization: string | undefined,
  service: AuthService,
  nowMilliseconds: number,
): SimulatedApiKey {
  if (!authorization) throw authError(401, "Unauthorized: authentication token must be provided");
  if (authorization.slice(0, 7).toLowerCase() !== "bearer ")
    throw authError(401, "Unauthorized: authentication bearer scheme must be used");
  const token = decodeWithoutVerifying(authorization.slice(7));
  if (!token) throw authError(403, undecodableMessage);
  if (!("iss" in token.payload) || token.payload.iss === null)
    throw authError(403, "Invalid token: iss field not provided");
  if (!isUuid(token.payload.iss)) throw authError(403, "Invalid token: service id is not the right data type");
  if (parseUuid(token.payload.iss) !== parseUuid(service.serviceId))
    throw authError(403, "Invalid token: service not found");
  if (service.apiKeys.length === 0) throw authError(403, "Invalid token: service has no API keys");
  if (service.archived) throw authError(403, "Invalid token: service is archived");

  for (const key of service.apiKeys) {
    if (token.header.alg !== "HS256") throw authError(403, "Invalid token: algorithm used is not HS256");
    if (!signatureMatches(token, key.secret)) continue;
    if (checkClaims(token.payload, nowMilliseconds) === "skip-key") continue;
    if (key.revoked) throw authError(403, "Invalid token: API key revoked");
    return key;
  }
  throw authError(403, "Invalid token: API key not found");
}
