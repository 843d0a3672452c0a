import type { Role } from "@/db/schema";

declare module "next-auth" {
  interface Session {
    user?: { id: string; name: string; email: string; roles: Role[]; teams: string[] };
  }
}
