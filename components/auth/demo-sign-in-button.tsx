"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { buttonClasses } from "@/components/ui/button";

export function DemoSignInButton({
  userId,
  name,
  role,
  callbackUrl,
}: {
  userId: string;
  name: string;
  role: string;
  callbackUrl: string;
}) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      aria-label={`Sign in as ${name} (${role})`}
      onClick={() => {
        setPending(true);
        void signIn("demo", { userId, callbackUrl });
      }}
      className={buttonClasses("secondary", "w-full justify-between text-left")}
    >
      {/* The visible text is part of the accessible name, so voice control users can say what they see. */}
      <span>
        {name} <span className="font-normal">({role})</span>
      </span>
      <span aria-hidden="true">→</span>
    </button>
  );
}
