import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/runtime";
import type { PersonCaller } from "@/lib/auth/caller";
import { findPersonCaller } from "@/lib/auth/people";
import { readSession } from "./session-token";

// Pages and server actions learn who is signed in here, from Next's request cookies;
// route handlers use lib/api/with-auth.ts instead.

/**
 * The signed-in person, or null. Cached per request (React's cache): the site header and the
 * page both ask, and the answer costs a database read.
 */
export const getCurrentPerson = cache(async (): Promise<PersonCaller | null> => {
  const cookieStore = await cookies();
  const header = cookieStore
    .getAll()
    .map((cookie) => `${cookie.name}=${encodeURIComponent(cookie.value)}`)
    .join("; ");
  const session = await readSession(header);
  return session ? findPersonCaller(await getDb(), session) : null;
});

/** The signed-in person; anyone else is sent to the sign-in page and back here afterwards. */
export async function requirePerson(returnTo: string): Promise<PersonCaller> {
  const person = await getCurrentPerson();
  if (!person) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return person;
}
