"use client";

import { PageHeading } from "@/components/ui/page-heading";
import { Button } from "@/components/ui/button";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <>
      <PageHeading>Sorry, there is a problem with the service</PageHeading>
      <p className="mb-4 text-lg">Try again. If it keeps happening, tell the service desk and quote this reference:</p>
      <p className="mb-6 font-mono">{error.digest ?? "no reference"}</p>
      <Button onClick={reset}>Try again</Button>
    </>
  );
}
