import type { Database } from "@/db/client";
import { ApiError } from "@/lib/api/errors";
import { getSettings } from "@/lib/config/settings";
import { parseCookieHeader, readSession } from "@/lib/next-bridge/session-token";
import { findClientCallerByKey } from "./api-clients";
import type { Caller, PersonCaller } from "./caller";
import { gatewayPersonRefused, gatewayTokenCookie, looksLikeJwt, verifyGatewayToken } from "./hackney-token";
import { findPersonCaller } from "./people";
import { provisionPerson, type SignInRules } from "./provision-person";

const challenge = { "www-authenticate": 'Bearer realm="notification-centre"' };

/**
 * Who is calling: an API client by `Authorization: Bearer <key>`, else a person by session cookie.
 * With HACKNEY_JWT_SECRET set, a person may also come with the council gateway's token instead:
 * as the Bearer credential (a JWT, never mistaken for a key), or in the `hackneyToken` cookie when
 * there is no Authorization header and no session. A present-but-bad credential is a 401, never a
 * silent fall-back to another method.
 */
export async function resolveCaller(db: Database, headers: Headers): Promise<Caller> {
  const { hackneyJwtSecret, ...rules } = getSettings().auth;
  const authorization = headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) {
      throw new ApiError("unauthorized", "Use Authorization: Bearer <API key>", { headers: challenge });
    }
    if (hackneyJwtSecret && looksLikeJwt(match[1]!)) return gatewayPerson(db, match[1]!, hackneyJwtSecret, rules);
    const client = await findClientCallerByKey(db, match[1]!);
    if (!client)
      throw new ApiError("unauthorized", "The API key is not valid or has been revoked", { headers: challenge });
    return client;
  }
  const cookieHeader = headers.get("cookie");
  const session = await readSession(cookieHeader);
  if (session) {
    const person = await findPersonCaller(db, session);
    if (person) return person;
  }
  const gatewayToken = cookieHeader ? parseCookieHeader(cookieHeader).get(gatewayTokenCookie) : undefined;
  if (hackneyJwtSecret && gatewayToken) return gatewayPerson(db, gatewayToken, hackneyJwtSecret, rules);
  throw new ApiError("unauthorized", "Sign in, or send an API key as Authorization: Bearer <key>", {
    headers: challenge,
  });
}

/** The person a gateway token names, found or provisioned by email with the token's groups; else a 401. */
async function gatewayPerson(db: Database, token: string, secret: string, rules: SignInRules): Promise<PersonCaller> {
  const identity = await verifyGatewayToken(token, secret);
  const person = await provisionPerson(db, identity, rules);
  const caller = person ? await findPersonCaller(db, person.id) : null;
  if (!caller) throw gatewayPersonRefused();
  return caller;
}
