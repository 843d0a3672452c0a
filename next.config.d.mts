// Types for next.config.mjs, so tests can read the settings the app runs with.
import type { NextConfig } from "next";

declare const nextConfig: NextConfig;
export default nextConfig;
