import type { IncomingMessage, ServerResponse } from "node:http";

type Listener = (request: IncomingMessage, response: ServerResponse) => void;

export const servedMethods: string[];
export function refuseUnknownMethods(listener: Listener): Listener;
