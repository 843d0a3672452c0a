"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { z } from "zod";

// The pages' Content-Security-Policy forbids eval, and zod probes for it with `new Function` before
// falling back, which browsers report as a violation. In the browser only: the server keeps zod's
// faster compiled parsers (the setting is process-wide).
if (typeof window !== "undefined") z.config({ jitless: true });

export function Providers({ children }: { children: ReactNode }) {
  // One client per browser tab; created in state so a re-render never drops the cache.
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: true } } }),
  );
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
