import type { ReactNode } from "react";

/** A designed "nothing here" panel: says what is empty, why, and what to do next. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <section aria-label={title} className="border-l-4 border-brand bg-panel p-6">
      <h2 className="text-xl font-bold">{title}</h2>
      {children ? <div className="mt-2 text-lg">{children}</div> : null}
    </section>
  );
}
