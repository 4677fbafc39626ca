/**
 * What KRR's default "simple" strategy would set on the same series (robusta-dev/krr
 * robusta_krr/strategies/simple.py): memory request = limit = the highest working set of any
 * pod over the history (max_over_time of container_memory_working_set_bytes) plus a 15% buffer
 * (memory_buffer_percentage); no value when an HPA scales the workload on memory (allow_hpa is
 * off by default). KRR's default history is 14 days; here it is computed over --window.
 */
import type { ReferenceRecommendation } from '../../model/fleet.js';

export const KRR_BUFFER = 0.15;

export function krrRecommendation(
  maxWorkingSet: number | undefined,
  hpaOnMemory: boolean,
): ReferenceRecommendation {
  if (hpaOnMemory) return { undefinedReason: 'HPA detected (scales on memory)', notes: [] };
  if (maxWorkingSet === undefined) return { undefinedReason: 'no working set series', notes: [] };
  const bytes = Math.round(maxWorkingSet * (1 + KRR_BUFFER));
  return { requestBytes: bytes, limitBytes: bytes, notes: [] };
}
