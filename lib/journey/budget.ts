/**
 * The default budget of one code, browser start included: its own module so that code running
 * before the journey has loaded (lib/journey/head-start.ts) bounds its launch the same way.
 */
export const DEFAULT_FLOW_TIMEOUT_MS = 30_000;
