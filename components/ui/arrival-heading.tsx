"use client";

import { useEffect, useRef, type ReactNode } from "react";

/**
 * A section heading that takes focus when the page opens with it as the outcome of what was just
 * done (after a redirect), so a screen reader reads from there and a keyboard user starts there.
 */
export function ArrivalHeading({ id, focus, children }: { id: string; focus: boolean; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <h2 id={id} ref={ref} tabIndex={-1} className="mb-4 text-2xl font-bold">
      {children}
    </h2>
  );
}
