"use client";

import { signIn } from "next-auth/react";
import { buttonClasses } from "@/components/ui/button";

export function ProviderSignInButton({
  providerId,
  label,
  callbackUrl,
}: {
  providerId: string;
  label: string;
  callbackUrl: string;
}) {
  return (
    <button type="button" onClick={() => void signIn(providerId, { callbackUrl })} className={buttonClasses("primary")}>
      Sign in with {label}
    </button>
  );
}
