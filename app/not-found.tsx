import Link from "next/link";
import { PageHeading } from "@/components/ui/page-heading";

export default function NotFound() {
  return (
    <>
      <PageHeading>Page not found</PageHeading>
      <p className="mb-4 text-lg">
        If you typed the web address, check it is correct. If you followed a link, it may be out of date.
      </p>
      <p className="text-lg">
        <Link href="/">Go to your inbox</Link>
      </p>
    </>
  );
}
