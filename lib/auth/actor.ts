import type { AuthorDetails } from "@/db/schema";
import type { Caller } from "./caller";

/** How a caller is named in audit rows and activity history. */
export function actorOf(caller: Caller): {
  name: string;
  userId: string | null;
  clientId: string | null;
  author: AuthorDetails;
} {
  if (caller.kind === "person") {
    return {
      name: caller.name,
      userId: caller.id,
      clientId: null,
      author: { id: caller.id, fullName: caller.name, email: caller.email },
    };
  }
  return {
    name: caller.name,
    userId: null,
    clientId: caller.id,
    author: { id: caller.id, fullName: caller.name, email: `${caller.name}@api-clients.invalid` },
  };
}
