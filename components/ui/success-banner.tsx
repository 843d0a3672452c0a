import type { ReactNode } from "react";

/**
 * What a save just did, said above the page's heading. A status region, so a screen reader reads
 * it out after the redirect without moving focus; nothing shows when there is nothing to say.
 */
export function SuccessBanner({ children }: { children?: ReactNode }) {
  if (!children) return null;
  return (
    <div role="status" className="mb-6 border-4 border-success p-4 text-lg font-bold">
      {children}
    </div>
  );
}
