import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/next-bridge/auth-options";

type Context = { params: Promise<{ nextauth: string[] }> };

// GET, POST /api/auth/* – next-auth's own sign-in, callback, session and sign-out endpoints
async function handler(request: Request, context: Context) {
  return NextAuth(request as never, context as never, getAuthOptions());
}

export { handler as GET, handler as POST };
