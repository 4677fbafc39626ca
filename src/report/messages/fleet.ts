/** Wording of the findings only `fleet` raises; see docs/rules/<code>.md. */
import type { FleetArgs } from '../../analysis/fleet/findings-more.js';
import type { FleetCode } from '../../model/codes/index.js';
import { formatBytes } from '../../model/units.js';
import type { Args, MessagesFor } from './types.js';

const target = (a: Args<FleetArgs['hpa-scales-on-memory']>) =>
  a.targetType === 'utilization'
    ? `${a.target}% of the request`
    : typeof a.target === 'number'
      ? `${formatBytes(a.target)} per pod`
      : String(a.target);

export const fleetMessages: MessagesFor<FleetCode, FleetArgs> = {
  'hpa-scales-on-memory': {
    title: 'A Go workload autoscaled on memory',
    summary: (a) =>
      `HorizontalPodAutoscaler ${a.hpa} scales ${a.workload} on memory (target ${target(a)}). A Go heap does not shrink with load: between GCs it grows to the GOGC goal, and with GOMEMLIMIT set it grows toward the limit by design, so memory keeps replicas up after the load is gone and scales out on garbage.`,
    fix: () =>
      'Scale on CPU, requests per second or queue length instead; size memory per replica with GOMEMLIMIT and the limit (the recommendation below).',
  },
};
