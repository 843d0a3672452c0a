import { handleAuthRequest } from "@/lib/next-bridge/auth-route";

type Context = { params: Promise<{ nextauth: string[] }> };

// GET, POST /api/auth/* – next-auth's own sign-in, callback, session and sign-out endpoints
async function handler(request: Request, context: Context) {
  return handleAuthRequest(request, (await context.params).nextauth);
}

export { handler as GET, handler as POST };
