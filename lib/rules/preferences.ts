import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { emailModes, notificationPreferences, users } from "@/db/schema";
import { ApiError, type FieldError } from "@/lib/api/errors";
import { validateUkMobileNumber } from "@/lib/notify/recipients";
import { categories, categoryKeys, findCategory } from "./categories";

const categoryPreferenceSchema = z.object({
  category: z.enum(categoryKeys, "Not a known category"),
  inApp: z.boolean(),
  email: z.enum(emailModes, "Choose straight away, daily digest or off").meta({
    description: "immediate: each item by email as it arrives; daily: one digest email at 08:00 (UK time); off: none",
  }),
  sms: z.boolean(),
});
export const preferencesSchema = z
  .object({
    mobileNumber: z.string().trim().max(30).nullable().meta({ description: "UK mobile for texts; null removes it" }),
    categories: z
      .array(categoryPreferenceSchema)
      .max(categories.length)
      .superRefine((choices, context) => {
        const seen = new Set<string>();
        choices.forEach((choice, index) => {
          if (seen.has(choice.category))
            context.addIssue({ code: "custom", path: [index, "category"], message: "This category is listed twice" });
          seen.add(choice.category);
        });
      }),
  })
  .meta({ id: "NotificationPreferences" });
export type Preferences = z.infer<typeof preferencesSchema>;

/** Every category with the person's choice, or the default when they never chose. */
export async function getPreferences(db: Database, userId: string): Promise<Preferences> {
  const [person] = await db.select({ mobileNumber: users.mobileNumber }).from(users).where(eq(users.id, userId));
  const stored = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  const byCategory = new Map(stored.map((row) => [row.category, row]));
  return {
    mobileNumber: person?.mobileNumber ?? null,
    categories: categories.map((category) => {
      const row = byCategory.get(category.key);
      return {
        category: category.key,
        // Items that need action always reach the inbox: someone on the team has to act on them.
        inApp: category.requireAction ? true : (row?.inApp ?? true),
        email: category.optionalChannels.includes("email") ? (row?.emailMode ?? "off") : "off",
        sms: category.optionalChannels.includes("sms") ? (row?.sms ?? false) : false,
      };
    }),
  };
}

/** Saves the whole set; a choice the category does not allow is a 400 naming it, and nothing is saved. */
export async function savePreferences(tx: Database, userId: string, input: Preferences): Promise<Preferences> {
  const errors: FieldError[] = [];
  let mobileNumber: string | null = null;
  if (input.mobileNumber) {
    const checked = validateUkMobileNumber(input.mobileNumber);
    if (checked.ok) mobileNumber = checked.value;
    else errors.push({ path: "mobileNumber", message: checked.message });
  }
  input.categories.forEach((choice, index) => {
    const category = findCategory(choice.category)!;
    if (category.requireAction && !choice.inApp)
      errors.push({
        path: `categories.${index}.inApp`,
        message: `${category.name} always goes to the inbox: it needs action`,
      });
    if (choice.email !== "off" && !category.optionalChannels.includes("email"))
      errors.push({ path: `categories.${index}.email`, message: `${category.name} is not sent by email` });
    if (choice.sms && !category.optionalChannels.includes("sms"))
      errors.push({ path: `categories.${index}.sms`, message: `${category.name} is not sent by text` });
  });
  if (input.categories.some((choice) => choice.sms) && !mobileNumber) {
    errors.push({ path: "mobileNumber", message: "Add a UK mobile number to get texts" });
  }
  if (errors.length > 0) throw new ApiError("bad_request", "Some choices cannot be saved", { errors });

  await tx.update(users).set({ mobileNumber }).where(eq(users.id, userId));
  if (input.categories.length > 0) {
    await tx
      .insert(notificationPreferences)
      .values(
        input.categories.map(({ email, ...choice }) => ({
          userId,
          ...choice,
          emailMode: email,
          updatedAt: new Date(),
        })),
      )
      .onConflictDoUpdate({
        target: [notificationPreferences.userId, notificationPreferences.category],
        set: {
          inApp: sql`excluded.in_app`,
          emailMode: sql`excluded.email_mode`,
          sms: sql`excluded.sms`,
          updatedAt: sql`excluded.updated_at`,
        },
      });
  }
  return getPreferences(tx, userId);
}
