// Every domain's tables, for drizzle-kit and for typed queries. One file per domain beside this one.
export * from "./activity";
export * from "./api";
export * from "./auth";
export * from "./delivery";
export * from "./digests";
export * from "./directory";
export * from "./documents";
export * from "./notifications";
export * from "./personal-data";
export * from "./realtime";
export * from "./rules";
export * from "./visits";
export * from "./subscriptions";
