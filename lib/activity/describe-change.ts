import type { ActivityTargetType, ActivityType } from "@/db/schema";
import { formatDate } from "@/lib/format/dates";

export const noEntry = "[No entry]";

/** Field labels per record type, from the council's activity-history front end (locale.ts). */
const fieldLabels: Partial<Record<ActivityTargetType, Record<string, string>>> = {
  person: {
    title: "Title",
    firstName: "First name",
    middleName: "Middle name",
    surname: "Last name",
    preferredTitle: "Preferred title",
    preferredFirstName: "Preferred first name",
    preferredMiddleName: "Preferred middle name",
    preferredSurname: "Preferred last name",
    placeOfBirth: "Place of birth",
    dateOfBirth: "Date of birth",
    gender: "Gender",
    languages: "Languages",
    identifications: "Identifications",
  },
  tenure: {
    tenureType: "Tenure type",
    isActive: "Tenure status",
    startOfTenureDate: "Start date",
    endOfTenureDate: "End date",
    paymentReference: "Payment reference",
    transactionType: "Transaction",
    amount: "Amount",
    balance: "Balance",
  },
  workOrder: {
    status: "Status",
    priority: "Priority",
    description: "Description",
    contractor: "Contractor",
    cost: "Cost",
  },
  asset: {
    addressLine1: "Address",
    postCode: "Postcode",
    assetType: "Property type",
    // Visits to the property (lib/visits/save-visit.ts).
    visitId: "Visit",
    visitKind: "Visit",
    visitStartsAt: "Visit starts",
    visitEndsAt: "Visit ends",
    visitOfficerUserId: "Visiting officer",
    visitResidentUserId: "Resident visited",
    visitStatus: "Visit status",
    // What a visit-reminder rule did, and why when it sent nothing (lib/rules/engine/visit-reminders.ts).
    visitReminder: "Visit reminder",
  },
  notification: {
    performedActionType: "Action",
    actionNote: "Note",
    performedActionDoneBy: "Done by",
    isReadStatus: "Read",
    isRemoved: "Removed",
    // Cancelling its unsent messages (lib/notifications/cancel-notification.ts).
    emailStatus: "Email",
    smsStatus: "Text",
    letterStatus: "Letter",
    // An admin resending a failed message (lib/delivery/resend-delivery.ts): the delivery ids.
    resendOf: "Resend of delivery",
    resentAs: "Resent as delivery",
  },
};

const categoryNames: Partial<Record<ActivityTargetType, string>> = {
  person: "Edit to person",
  contactDetails: "Edit to contact detail",
  tenure: "Edit to tenure",
  asset: "Edit to property",
  personEqualityInformation: "Edit to equality information",
  cautionaryAlert: "Edit to cautionary alert",
  patchesAndAreas: "Edit to patches and areas",
  workOrder: "Edit to work order",
  notification: "Notification",
  process: "Process",
};

export type ChangeLine = { label: string; previously: string; changedTo: string };

/** What the timeline shows for one activity: a category, an optional summary and field-by-field changes. */
export type ChangeDescription = {
  category: string;
  summary?: string;
  details?: { rows: [string, string][] };
  changes: ChangeLine[];
};

type ActivityLike = {
  type: ActivityType;
  targetType: ActivityTargetType;
  sourceDomain: string | null;
  oldData: Record<string, unknown> | null;
  newData: Record<string, unknown> | null;
};

export function describeActivity(activity: ActivityLike): ChangeDescription {
  const { type, targetType, oldData, newData } = activity;
  if (targetType === "tenurePerson") return describeHouseholdChange(type, oldData, newData);
  if (targetType === "contactDetails" && (type === "create" || type === "delete")) {
    const data = (type === "create" ? newData : oldData) ?? {};
    const value = formatValue(pick(data, "value") ?? pick(data, "contactInformation"));
    return {
      category: categoryNames.contactDetails!,
      summary: `${type === "create" ? "Added" : "Removed"} ${contactTypeName(pick(data, "contactType"))}: ${value}`,
      changes: [],
    };
  }
  const category =
    type === "create" && targetType === "tenure" ? "Tenure created" : (categoryNames[targetType] ?? "Change");
  const summaries: Partial<Record<ActivityType, string>> = {
    create:
      targetType === "cautionaryAlert" ? "Cautionary alert created" : `${capitalise(readableType(targetType))} created`,
    migrate: `${capitalise(readableType(targetType))} migrated`,
    end: targetType === "cautionaryAlert" ? "Cautionary alert ended" : `${capitalise(readableType(targetType))} ended`,
  };
  return { category, summary: summaries[type], changes: diff(targetType, oldData, newData) };
}

/** The council's diff: every key in either side but `id`, skipping unchanged values; "[No entry]" for nothing. */
export function diff(
  targetType: ActivityTargetType,
  oldData: Record<string, unknown> | null,
  newData: Record<string, unknown> | null,
): ChangeLine[] {
  const keys = [...new Set([...Object.keys(oldData ?? {}), ...Object.keys(newData ?? {})])].filter(
    (key) => key !== "id",
  );
  return keys
    .filter((key) => JSON.stringify(oldData?.[key] ?? null) !== JSON.stringify(newData?.[key] ?? null))
    .map((key) => ({
      label: fieldLabels[targetType]?.[key] ?? key,
      previously: formatValue(oldData?.[key]),
      changedTo: formatValue(newData?.[key]),
    }));
}

function describeHouseholdChange(
  type: ActivityType,
  oldData: Record<string, unknown> | null,
  newData: Record<string, unknown> | null,
): ChangeDescription {
  const before = householdMembers(oldData);
  const after = householdMembers(newData);
  const added = type !== "delete";
  const person = added
    ? after.find((member) => !before.some((other) => other.id === member.id))
    : before.find((member) => !after.some((other) => other.id === member.id));
  return {
    category: added ? "Person added to tenure" : "Person removed from tenure",
    summary: added ? "New person created with the following details:" : "The following person was removed:",
    details: person
      ? {
          rows: [
            ["Type", person.type === "HouseholdMember" ? "Household member" : formatValue(person.type)],
            ["Name", formatValue(person.fullName)],
            ["Date of birth", formatValue(person.dateOfBirth)],
          ],
        }
      : undefined,
    changes: [],
  };
}

type HouseholdMember = { id?: unknown; type?: unknown; fullName?: unknown; dateOfBirth?: unknown };

function householdMembers(data: Record<string, unknown> | null): HouseholdMember[] {
  const members = data?.householdMembers;
  return Array.isArray(members)
    ? (members.filter((member) => member && typeof member === "object") as HouseholdMember[])
    : [];
}

const isoDate = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/;

/** A value as a person reads it: dates in UK format, Yes/No, lists joined, "[No entry]" for nothing. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return noEntry;
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "string")
    return isoDate.test(value) && !Number.isNaN(Date.parse(value)) ? formatDate(value) : value;
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.length === 0 ? noEntry : value.map(formatValue).join(", ");
  if (typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (typeof record.description === "string") return record.description;
    if (typeof record.value === "string") return record.value;
    return JSON.stringify(value);
  }
  return String(value);
}

function pick(data: Record<string, unknown>, key: string): unknown {
  return data[key];
}

function contactTypeName(contactType: unknown): string {
  const names: Record<string, string> = {
    "0": "Phone",
    "1": "Email",
    "2": "Address",
    phone: "Phone",
    email: "Email",
    address: "Address",
  };
  return names[String(contactType).toLowerCase()] ?? "Contact detail";
}

function readableType(targetType: ActivityTargetType): string {
  return targetType === "asset" ? "property" : targetType.replace(/([A-Z])/g, " $1").toLowerCase();
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
