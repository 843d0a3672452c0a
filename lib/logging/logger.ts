import pino from "pino";
import { currentLogLevel } from "@/lib/config/settings";

// Anything that could carry a secret is removed before a log line is written, wherever it appears.
const redactedPaths = [
  "authorization",
  "cookie",
  "password",
  "secret",
  "token",
  "apiKey",
  "key",
  "*.authorization",
  "*.cookie",
  "*.password",
  "*.secret",
  "*.token",
  "*.apiKey",
  "*.key",
  "headers.authorization",
  "headers.cookie",
];

/**
 * Structured JSON logs; a destination other than stdout is for tests. The level never throws: the
 * logger is built at import, and a bad LOG_LEVEL is for start-up validation to report by name.
 */
export function createLogger(destination?: pino.DestinationStream) {
  const options: pino.LoggerOptions = {
    level: currentLogLevel(),
    base: { service: "notification-centre" },
    redact: { paths: redactedPaths, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}

export const logger = createLogger();

export type Logger = ReturnType<typeof createLogger>;
