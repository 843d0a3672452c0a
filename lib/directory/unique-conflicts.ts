import { ApiError, type FieldError } from "@/lib/api/errors";

// The directory's unique indexes, by name, as the field a client must change. A clash is a 409
// naming that field, never the generic "already exists" (or a 500).
const fieldsByConstraint: Record<string, FieldError> = {
  users_email_unique: { path: "email", message: "Another person already has this email address" },
  users_person_id_unique: { path: "personId", message: "Another person already has this council person id" },
  teams_key_unique: { path: "key", message: "Another team already has this key" },
};

/** The error to throw for a directory write that failed: a 409 naming the field for a unique clash, else the error itself. */
export function explainUniqueClash(error: unknown): unknown {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as Error & { code?: unknown }).code;
    if (code === "23505") {
      const field = Object.entries(fieldsByConstraint).find(
        ([name]) => current instanceof Error && current.message.includes(name),
      );
      return field
        ? new ApiError("conflict", field[1].message, { errors: [field[1]], cause: error })
        : new ApiError("conflict", "That record already exists", { cause: error });
    }
    current = current.cause;
  }
  return error;
}

/** Runs a directory write, turning a unique clash into a 409 that names the field. */
export async function withUniqueFields<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw explainUniqueClash(error);
  }
}
