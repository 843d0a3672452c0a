import type { Database } from "@/db/client";
import { ApiError } from "@/lib/api/errors";
import { findClientCallerByKey } from "./api-clients";
import type { Caller } from "./caller";
import { findPersonCaller } from "./people";
import { readSession } from "@/lib/next-bridge/session-token";

const challenge = { "www-authenticate": 'Bearer realm="notification-centre"' };

/**
 * Who is calling: an API client by `Authorization: Bearer <key>`, else a person by session cookie.
 * A present-but-bad credential is a 401, never a silent fall-back to the other method.
 */
export async function resolveCaller(db: Database, headers: Headers): Promise<Caller> {
  const authorization = headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) {
      throw new ApiError("unauthorized", "Use Authorization: Bearer <API key>", { headers: challenge });
    }
    const client = await findClientCallerByKey(db, match[1]!);
    if (!client)
      throw new ApiError("unauthorized", "The API key is not valid or has been revoked", { headers: challenge });
    return client;
  }
  const session = await readSession(headers.get("cookie"));
  if (session) {
    const person = await findPersonCaller(db, session);
    if (person) return person;
  }
  throw new ApiError("unauthorized", "Sign in, or send an API key as Authorization: Bearer <key>", {
    headers: challenge,
  });
}
