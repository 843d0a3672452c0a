import type { NextAuthOptions } from "next-auth";
import AzureADProvider from "next-auth/providers/azure-ad";
import CredentialsProvider from "next-auth/providers/credentials";
import GoogleProvider from "next-auth/providers/google";
import { z } from "zod";
import { getDb } from "@/db/runtime";
import { getSettings, type Settings } from "@/lib/config/settings";
import { currentSessionVersion, endSessions, findDemoPerson, findPersonCaller } from "@/lib/auth/people";
import { safeReturnPath } from "@/lib/auth/safe-return-path";
import { getAuthSecret } from "@/lib/auth/secret";
import { noAccessPath } from "@/lib/auth/no-access-link";
import { provisionPerson } from "@/lib/auth/provision-person";
import { findLinkedPerson, ssoIdentityOf } from "@/lib/auth/single-sign-on";
import { sessionClaimsOf } from "./session-token";

// A working day: staff sign in each morning, and a lost laptop's session does not last the week.
const SESSION_SECONDS = 8 * 60 * 60;

const demoCredentialsSchema = z.object({ userId: z.uuid() });

let cached: { settings: Settings; options: NextAuthOptions } | undefined;

/**
 * next-auth configuration, built on first use so the secret and providers come from the running
 * environment, and built again if the settings are read again (tests that change them).
 */
export function getAuthOptions(): NextAuthOptions {
  const settings = getSettings();
  if (cached?.settings !== settings) cached = { settings, options: buildAuthOptions(settings) };
  return cached.options;
}

function buildAuthOptions({ auth, demo }: Settings): NextAuthOptions {
  const providers: NextAuthOptions["providers"] = [];
  if (demo.signIn) {
    providers.push(
      CredentialsProvider({
        id: "demo",
        name: "Demo sign-in",
        credentials: { userId: { type: "text" } },
        async authorize(credentials) {
          const parsed = demoCredentialsSchema.safeParse(credentials);
          if (!parsed.success) return null;
          const person = await findDemoPerson(await getDb(), parsed.data.userId);
          return person ? { id: person.id, name: person.name, email: person.email } : null;
        },
      }),
    );
  }
  if (auth.entraId) {
    providers.push(
      AzureADProvider({
        clientId: auth.entraId.clientId,
        clientSecret: auth.entraId.clientSecret,
        tenantId: auth.entraId.tenantId,
      }),
    );
  }
  if (auth.google) {
    providers.push(GoogleProvider({ clientId: auth.google.clientId, clientSecret: auth.google.clientSecret }));
  }

  return {
    secret: getAuthSecret(),
    session: { strategy: "jwt", maxAge: SESSION_SECONDS },
    pages: { signIn: "/signin", error: "/signin" },
    providers,
    callbacks: {
      // After sign-in and sign-out: a path on this site only, by the same rule as the sign-in page.
      redirect({ url, baseUrl }) {
        return `${baseUrl}${safeReturnPath(url, baseUrl)}`;
      },
      // Single sign-on admits people the council has set up here (linked at their first sign-in by
      // email, then matched on the provider's stable id), the first admins (ADMIN_EMAILS) and
      // people whose groups map (SSO_GROUP_MAP): lib/auth/provision-person.ts. Anyone else is
      // sent to a page that names the email they used and says whom to ask.
      async signIn({ user, account, profile }) {
        if (account?.provider === "demo") return true;
        const identity = account ? ssoIdentityOf(account, profile, user.email, auth.entraId?.tenantId) : null;
        if (!identity) return false;
        const person = await provisionPerson(await getDb(), { ...identity, name: user.name ?? identity.email }, auth);
        return person ? true : noAccessPath(identity.email, getAuthSecret());
      },
      // Runs at sign-in (user and account given) and on every session read (the token as minted).
      async jwt({ token, user, account, profile }) {
        if (!user || !account) return token;
        const db = await getDb();
        if (account.provider !== "demo") {
          // signIn linked the identity just before; the token names our person, never the provider's id.
          const identity = ssoIdentityOf(account, profile, user.email, auth.entraId?.tenantId);
          const person = identity ? await findLinkedPerson(db, identity) : null;
          if (person) token.sub = person.id;
          else delete token.sub;
        }
        // The session is good until the person next signs out (see events.signOut).
        if (token.sub) token.sessionVersion = (await currentSessionVersion(db, token.sub)) ?? 0;
        return token;
      },
      // The session shows who the person is now: roles and teams are read fresh, not frozen in the
      // cookie, and a session ended by signing out shows nobody.
      async session({ session, token }) {
        const claims = sessionClaimsOf(token);
        const person = claims ? await findPersonCaller(await getDb(), claims) : null;
        if (!person) return { ...session, user: undefined };
        return {
          ...session,
          user: { id: person.id, name: person.name, email: person.email, roles: person.roles, teams: person.teams },
        };
      },
    },
    events: {
      // A JWT cannot be recalled, so signing out moves the person's session version on instead:
      // this cookie and every other of theirs, on any device, is refused from now on.
      async signOut({ token }) {
        const claims = token ? sessionClaimsOf(token) : null;
        if (claims) await endSessions(await getDb(), claims);
      },
    },
  };
}
