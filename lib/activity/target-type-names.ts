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

/** Names for the history-only record types: the directory's entries for a person or a team. */
export const historyTargetTypeNames: Record<string, string> = {
  ...targetTypeNames,
  directoryPerson: "Directory person",
  directoryTeam: "Directory team",
};
