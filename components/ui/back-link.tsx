import Link from "next/link";
import type { ReactNode } from "react";

/** The link above a page's heading back to the list it was opened from, as GOV.UK's back link. */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <p className="mb-4">
      <Link href={href}>{children}</Link>
    </p>
  );
}
