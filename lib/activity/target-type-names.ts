// What staff call each kind of record; safe to import in the browser.
export const targetTypeNames: Record<string, string> = {
  asset: "Property",
  tenure: "Tenure",
  person: "Person",
  workOrder: "Work order",
  notification: "Notification",
  team: "Team",
  rule: "Rule",
  contactDetails: "Contact details",
  process: "Process",
  contract: "Contract",
};
