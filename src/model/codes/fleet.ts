/**
 * Finding codes that only `fleet` raises (it also raises the diagnose and k8s codes for the
 * same mistakes). Wording: src/report/messages/fleet.ts; one page each in docs/rules/<code>.md.
 */
export const FLEET_CODES = ['hpa-scales-on-memory'] as const;

export type FleetCode = (typeof FLEET_CODES)[number];
