import pino from "pino";
import { currentLogLevel } from "@/lib/config/settings";
import { isErrorLike, redactedMessageOf, serializeError } from "./redact-error";

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
    // Errors are logged as `err` (pino's convention) or, now and then, `error`: both lose query parameters.
    serializers: { err: serializeError, error: serializeError },
    hooks: {
      // pino copies an error logged on its own (`logger.error(error)`) into `msg` as well.
      logMethod(args, method) {
        const [first, ...rest] = args as unknown[];
        if (isErrorLike(first) && rest.length === 0) return method.call(this, { err: first }, redactedMessageOf(first));
        return method.apply(this, args);
      },
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}

export const logger = createLogger();

export type Logger = ReturnType<typeof createLogger>;
