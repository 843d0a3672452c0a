import { ApiError } from "@/lib/api/errors";
import { NotifyError } from "./client";

/**
 * Rethrows Notify failing to answer as the API's 503, so the caller knows to try again; any other
 * error is ours and goes on as it is (a 500). `doing` says what we asked Notify for.
 */
export function rethrowAsNotifyUnavailable(error: unknown, doing: string): never {
  if (error instanceof NotifyError) {
    throw new ApiError("service_unavailable", `${doing} (${error.message}); try again shortly`, { cause: error });
  }
  throw error;
}
