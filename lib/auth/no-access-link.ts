import { createHmac, timingSafeEqual } from "node:crypto";

// The page a refused single sign-on lands on says which email the person signed in with. The link
// carries that email with a check made from the session secret, so only a real refusal shows an
// address: a crafted link cannot make the council's page tell someone "you signed in as …".

export const noAccessPage = "/signin/no-access";

/** The check a no-access link carries for this email. */
export function noAccessCheck(email: string, secret: string): string {
  return createHmac("sha256", secret).update(`no-access\n${email}`).digest("base64url");
}

/** Where a refused sign-in goes: the no-access page, naming the email the person used. */
export function noAccessPath(email: string, secret: string): string {
  const query = new URLSearchParams({ email, check: noAccessCheck(email, secret) });
  return `${noAccessPage}?${query}`;
}

/** The email a no-access link names, or null when it names none or its check does not match. */
export function emailOfNoAccessLink(
  email: string | undefined,
  check: string | undefined,
  secret: string,
): string | null {
  if (!email || !check || email.length > 320) return null;
  const expected = Buffer.from(noAccessCheck(email, secret));
  const given = Buffer.from(check);
  return given.length === expected.length && timingSafeEqual(given, expected) ? email : null;
}
