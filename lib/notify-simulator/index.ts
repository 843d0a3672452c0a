// A local GOV.UK Notify: start it when NOTIFY_API_KEY is unset and point notifications-node-client at it.
export { buildSimulatorApiKey, parseApiKey, type KeyType, type SimulatedApiKey } from "./api-keys";
export type { CallbackAttempt, CallbackOptions } from "./callbacks";
export type { FailureRate } from "./failure-switch";
export type { NotifySimulatorOptions } from "./options";
export type { RateLimit } from "./rate-limit";
export { startNotifySimulator, type NotifySimulator } from "./server";
export { defaultTiming, type SimulatorTiming } from "./status-progression";
export { createMemoryStore, type NotificationStore } from "./store";
export {
  parseTemplateFile,
  readTemplateFile,
  TemplateFileError,
  withLoadedTemplates,
  type SimulatorTemplateFile,
} from "./template-file";
export { catalogueTemplateId, catalogueTemplates, notifyTemplateIds, type SimulatorTemplate } from "./templates";
export type { Clock } from "./time";
