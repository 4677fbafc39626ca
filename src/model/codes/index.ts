/**
 * Every finding code, by domain. A code must be listed here, and src/report/messages has a
 * Record over these unions, so the compiler rejects a code without wording.
 */
export { RUNTIME_CODES, type RuntimeCode } from './runtime.js';
export { K8S_CODES, type K8sCode } from './k8s.js';
export { WATCH_CODES, type WatchCode } from './watch.js';
export { FLEET_CODES, type FleetCode } from './fleet.js';

import type { RuntimeCode } from './runtime.js';
import type { K8sCode } from './k8s.js';
import type { WatchCode } from './watch.js';
import type { FleetCode } from './fleet.js';

export type FindingCode = RuntimeCode | K8sCode | WatchCode | FleetCode;
