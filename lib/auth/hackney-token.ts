import { errors, jwtVerify } from "jose";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { VerifiedIdentity } from "./provision-person";

// The council's API gateway tokens: HS256 JWTs its auth service issues to staff (sent as
// `Authorization: Bearer <jwt>` or in the `hackneyToken` cookie), carrying `email`, `name` and
// `groups`, verified with the secret the gateway's authorizer uses (HACKNEY_JWT_SECRET).

export const gatewayTokenCookie = "hackneyToken";

const challenge = { "www-authenticate": 'Bearer realm="notification-centre"' };

/**
 * Three base64url parts joined by dots (the last empty for an unsigned token): a JWT. An API key is
 * `nck_` and base64url with no dot, so the two are never confused.
 */
export function looksLikeJwt(credential: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(credential);
}

const claimsSchema = z.object({
  email: z.email().optional(),
  name: z.string().optional(),
  // An array, as the gateway's Google SSO issues it; the Cognito variant sends one `;`-separated string.
  groups: z
    .union([z.array(z.string()), z.string().transform((groups) => groups.split(";").filter(Boolean))])
    .optional(),
  consumerType: z.unknown().optional(),
});

/**
 * The identity a gateway token vouches for, or a 401 saying what is wrong with it. Only HS256 is
 * accepted: `alg: none`, other algorithms and other keys are refused before any claim is read. A
 * token without `exp` is accepted, as the gateway issues some without; one past its `exp` is not.
 */
export async function verifyGatewayToken(token: string, secret: string): Promise<VerifiedIdentity> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(secret), { algorithms: ["HS256"] }));
  } catch (error) {
    throw unauthorized(reasonFor(error), error);
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw unauthorized("The gateway token's claims could not be read");
  const { email, name, groups, consumerType } = claims.data;
  if (consumerType !== undefined) {
    throw unauthorized("Gateway service tokens are not accepted here; a service calls with an API key");
  }
  if (!email) throw unauthorized("The gateway token carries no email, so it names nobody");
  return { email, name: name?.trim() || email, groups: groups ?? [] };
}

function reasonFor(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "The gateway token has expired; sign in again";
  if (error instanceof errors.JOSEAlgNotAllowed) return "The gateway token must be signed with HS256";
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return "The gateway token's signature does not match: it was not signed with the gateway's secret";
  }
  if (error instanceof errors.JWTClaimValidationFailed) return `The gateway token is not valid: ${error.message}`;
  return "The gateway token could not be read";
}

function unauthorized(detail: string, cause?: unknown): ApiError {
  return new ApiError("unauthorized", detail, { headers: challenge, cause });
}

/** The 401 for a genuine token whose person may not use the service (unknown and unmapped, or disabled). */
export function gatewayPersonRefused(): ApiError {
  return unauthorized(
    "The gateway token is genuine, but its person has no access to the Notification Centre: ask your administrator " +
      "to add them to a group that gives access, or to the directory",
  );
}
