import Link from "next/link";
import type { ReactNode } from "react";

/** A link on the dark header: white at rest and on hover; focus turns it ink on yellow (globals.css). */
export function HeaderLink({
  href,
  className = "",
  children,
}: {
  href: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Link href={href} className={`text-white hover:text-white ${className}`}>
      {children}
    </Link>
  );
}
