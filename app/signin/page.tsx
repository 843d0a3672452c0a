import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { DemoSignInButton } from "@/components/auth/demo-sign-in-button";
import { ProviderSignInButton } from "@/components/auth/provider-sign-in-button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { PageHeading } from "@/components/ui/page-heading";
import { getDb } from "@/db/runtime";
import { getCurrentPerson } from "@/lib/next-bridge/current-person";
import { siteOrigin } from "@/lib/next-bridge/site-origin";
import { listDemoUsers } from "@/lib/auth/people";
import { describeRoles } from "@/lib/auth/roles";
import { safeReturnPath } from "@/lib/auth/safe-return-path";
import { getSettings } from "@/lib/config/settings";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const errorMessages: Record<string, string> = {
  AccessDenied: "Your account is not set up for the Notification Centre. Ask an administrator to add you.",
  CredentialsSignin: "That demo account is not available. Choose another.",
};

function errorMessageFor(error: string | string[]): string {
  const known = typeof error === "string" && Object.hasOwn(errorMessages, error);
  return known ? errorMessages[error]! : "Sign-in did not work. Try again.";
}

// A parameter given twice arrives as an array.
type Props = { searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[] }> };

export default async function SignInPage({ searchParams }: Props) {
  const { callbackUrl: requested, error } = await searchParams;
  // Only paths on this site, so a crafted link cannot bounce someone to another site after sign-in.
  const callbackUrl = safeReturnPath(requested, await siteOrigin());
  if (await getCurrentPerson()) redirect(callbackUrl);

  const { auth, demo } = getSettings();
  const demoUsers = demo.signIn ? await listDemoUsers(await getDb()) : [];
  const providers = [
    ...(auth.entraId ? [{ id: "azure-ad", label: "Microsoft" }] : []),
    ...(auth.google ? [{ id: "google", label: "Google" }] : []),
  ];

  return (
    <div className="max-w-2xl">
      <PageHeading>Sign in</PageHeading>
      {error ? (
        <ErrorSummary className="mb-6">
          <p>{errorMessageFor(error)}</p>
        </ErrorSummary>
      ) : null}
      {providers.length > 0 ? (
        <section aria-labelledby="sso-heading" className="mb-8">
          <h2 id="sso-heading" className="mb-3 text-xl font-bold">
            Council account
          </h2>
          <div className="flex flex-wrap gap-3">
            {providers.map((provider) => (
              <ProviderSignInButton
                key={provider.id}
                providerId={provider.id}
                label={provider.label}
                callbackUrl={callbackUrl}
              />
            ))}
          </div>
        </section>
      ) : null}
      {demoUsers.length > 0 ? (
        <section aria-labelledby="demo-heading">
          <h2 id="demo-heading" className="text-xl font-bold">
            Demo accounts
          </h2>
          <p className="mb-4 text-muted">
            This is a demonstration install. Choose a person to see the service as they would.
          </p>
          <ul className="grid gap-3">
            {demoUsers.map((user) => (
              <li key={user.id}>
                <DemoSignInButton
                  userId={user.id}
                  name={user.name}
                  role={describeRoles(user.roles)}
                  callbackUrl={callbackUrl}
                />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {providers.length === 0 && demoUsers.length === 0 ? (
        <p className="text-lg">
          No sign-in method is configured. An administrator needs to set up single sign-on (see the README) or enable
          demo sign-in with AUTH_DEMO=true.
        </p>
      ) : null}
    </div>
  );
}
