import pino from "pino";

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

/** Structured JSON logs; a destination other than stdout is for tests. */
export function createLogger(destination?: pino.DestinationStream) {
  const options: pino.LoggerOptions = {
    level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
    base: { service: "notification-centre" },
    redact: { paths: redactedPaths, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}

export const logger = createLogger();

export type Logger = ReturnType<typeof createLogger>;
