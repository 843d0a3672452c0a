import type { ReactNode } from "react";

export function PageHeading({ children, caption }: { children: ReactNode; caption?: string }) {
  return (
    <div className="mb-6">
      {caption ? <p className="text-muted text-lg">{caption}</p> : null}
      <h1 className="text-3xl font-bold leading-tight">{children}</h1>
    </div>
  );
}
