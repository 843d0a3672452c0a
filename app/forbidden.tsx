import Link from "next/link";
import { PageHeading } from "@/components/ui/page-heading";

// Answered with HTTP 403 wherever a page or server action refuses a signed-in person for their
// role (authorizePage in lib/next-bridge); someone else's record is a "Page not found" instead.
export default function Forbidden() {
  return (
    <>
      <PageHeading>You do not have access to this page</PageHeading>
      <p className="mb-4 text-lg">
        Your role does not include this page. If you need it for your work, ask an administrator.
      </p>
      <p className="text-lg">
        <Link href="/">Go to your inbox</Link>
      </p>
    </>
  );
}
