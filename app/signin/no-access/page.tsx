import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PageHeading } from "@/components/ui/page-heading";
import { emailOfNoAccessLink } from "@/lib/auth/no-access-link";
import { getAuthSecret } from "@/lib/auth/secret";
import { getCurrentPerson } from "@/lib/next-bridge/current-person";

export const metadata: Metadata = { title: "You do not have access yet" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ email?: string; check?: string }> };

// Where single sign-on sends someone it did not admit (lib/next-bridge/auth-options.ts): the
// council's identity provider knows them, this service does not yet. The email is shown only when
// the link's check proves the sign-in really happened (lib/auth/no-access-link.ts).
export default async function NoAccessPage({ searchParams }: Props) {
  if (await getCurrentPerson()) redirect("/");
  const { email, check } = await searchParams;
  const signedInAs = emailOfNoAccessLink(email, check, getAuthSecret());

  return (
    <div className="max-w-2xl">
      <PageHeading>You do not have access yet</PageHeading>
      <p className="mb-4 text-lg">
        {signedInAs ? (
          <>
            You signed in as <strong className="break-all">{signedInAs}</strong>, but that account has not been given
            access to the Notification Centre.
          </>
        ) : (
          <>The account you signed in with has not been given access to the Notification Centre.</>
        )}
      </p>
      <h2 className="mb-3 text-xl font-bold">Ask your administrator</h2>
      <p className="mb-4 text-lg">
        Ask a Notification Centre administrator (someone with the Admin role), or your IT service desk, to do one of
        these:
      </p>
      <ul className="mb-6 list-disc pl-6 text-lg">
        <li>add you to a group that gives access to the Notification Centre</li>
        <li>
          add you in Admin, People{signedInAs ? <> with the email address {signedInAs}</> : null}, with your team and
          role
        </li>
      </ul>
      <p className="text-lg">
        <Link href="/signin">Sign in with a different account</Link>
      </p>
    </div>
  );
}
