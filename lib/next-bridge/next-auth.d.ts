import type { Role } from "@/db/schema";

declare module "next-auth" {
  interface Session {
    user?: { id: string; name: string; email: string; roles: Role[]; teams: string[] };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    /** The person's session version when they signed in (lib/auth/people.ts endSessions). */
    sessionVersion?: number;
  }
}
