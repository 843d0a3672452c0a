"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: "/signin" })}
      className="text-white underline underline-offset-2 hover:text-[#dbdad9]"
    >
      Sign out
    </button>
  );
}
