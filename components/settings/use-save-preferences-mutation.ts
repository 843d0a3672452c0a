"use client";

import { useMutation } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import type { Preferences } from "@/lib/rules/preferences";

/** Saves the whole set of choices; the form keeps its own draft, so no cache is kept beside it. */
export function useSavePreferencesMutation() {
  return useMutation({
    mutationFn: (preferences: Preferences) =>
      fetchJson<Preferences>("/api/v1/me/preferences", { method: "PUT", body: preferences }),
  });
}
