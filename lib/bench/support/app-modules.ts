import { createRequire } from "node:module";

// Some app modules reach lib/notify/recipients.ts, whose named imports from the CommonJS package
// google-libphonenumber work in Next's and Vite's bundlers but not in Node's own ESM loader, which
// tsx uses for scripts in this "type": "module" package. Loaded through require, tsx compiles the
// chain to CommonJS and the named imports resolve. Types still come from the real module.
const requireCommonJs = createRequire(import.meta.url);

/** Loads an app module (`@/…`) the way the bundlers do; type it with `typeof import("@/…")`. */
export function loadAppModule<Module>(specifier: string): Module {
  return requireCommonJs(specifier) as Module;
}
