import type { ActivityType } from "@/db/schema";
import type { WritableTargetType } from "./schemas";

type Mapping = { type: ActivityType; targetType: WritableTargetType };

const create = (targetType: WritableTargetType): Mapping => ({ type: "create", targetType });
const update = (targetType: WritableTargetType): Mapping => ({ type: "update", targetType });

/** The council listener's event-type mapping (activity-history-listener EventTypes/EntityFactory), plus work orders. */
const entityEventMappings: Record<string, Mapping> = {
  ContractCreatedEvent: create("contract"),
  AssetCreatedEvent: create("asset"),
  PersonCreatedEvent: create("person"),
  ContactDetailAddedEvent: create("contactDetails"),
  TenureCreatedEvent: create("tenure"),
  PersonAddedToTenureEvent: create("tenurePerson"),
  HousingApplicationCreatedEvent: create("housingApplication"),
  EqualityInformationCreatedEvent: create("personEqualityInformation"),
  ProcessStartedEvent: create("process"),
  NoteCreatedAgainstProcessEvent: create("process"),
  ProcessStartedAgainstTenureEvent: create("tenure"),
  ProcessStartedAgainstPersonEvent: create("person"),
  CautionaryAlertCreatedEvent: create("cautionaryAlert"),
  WorkOrderCreatedEvent: create("workOrder"),
  ContractUpdatedEvent: update("contract"),
  AssetUpdatedEvent: update("asset"),
  PersonUpdatedEvent: update("person"),
  TenureUpdatedEvent: update("tenure"),
  HousingApplicationUpdatedEvent: update("housingApplication"),
  EqualityInformationUpdatedEvent: update("personEqualityInformation"),
  ProcessUpdatedEvent: update("process"),
  ProcessClosedEvent: update("process"),
  ProcessCompletedEvent: update("process"),
  PatchOrAreaResEntityEditedEvent: update("patchesAndAreas"),
  WorkOrderUpdatedEvent: update("workOrder"),
  ContactDetailDeletedEvent: { type: "delete", targetType: "contactDetails" },
  PersonRemovedFromTenureEvent: { type: "delete", targetType: "tenurePerson" },
  CautionaryAlertEndedEvent: { type: "end", targetType: "cautionaryAlert" },
};

/** Events the listener deliberately skips: accepted, stored nowhere. */
const ignoredEntityEvents = new Set([
  "ContactDetailEditedEvent",
  "NoteCreatedAgainstAssetEvent",
  "NoteCreatedAgainstTenureEvent",
  "NoteCreatedAgainstPersonEvent",
]);

/** The mapping for an event type; the council spells them with and without the "Event" suffix. */
export function mappingFor(eventType: string): Mapping | "ignored" | undefined {
  const name = eventType.endsWith("Event") ? eventType : `${eventType}Event`;
  if (ignoredEntityEvents.has(name)) return "ignored";
  return entityEventMappings[name];
}
