/**
 * The node's pods as the exporter knows them: read from the kubelet's /pods (or the API server)
 * every podsEveryMs, and sooner while a container it follows has no name yet (a new pod, or a
 * restart in a new cgroup: the kubelet's status may lag the process by seconds, so it is asked a
 * few times early). A failed read keeps the last list and says why, once per change.
 */
import type { PodInfo } from '../formats/k8s-pod-list.js';
import type { PodSource } from '../sources/kubelet.js';
import type { ResolvedIdentity } from './exporter-identity.js';

/** The soonest an unnamed container makes the exporter ask for the pod list again. */
export const PODS_MIN_GAP_MS = 5000;
/** Early reads for one unnamed container before it waits for the regular one. */
const EARLY_ASKS = 3;

export class PodDirectory {
  pods: ReadonlyMap<string, PodInfo> | undefined;
  problem: string | undefined;
  private at = -Infinity;
  private asked = new Map<string, number>();

  constructor(
    private readonly source: PodSource,
    private readonly everyMs: number,
    private readonly log: (line: string) => void,
  ) {}

  /** Reads the list when due; false when a read failed. */
  async refresh(now: number, identities: Iterable<ResolvedIdentity>): Promise<boolean> {
    const unnamed = [...identities].filter((id) => id.unnamed).map((id) => id.instance);
    const early = unnamed.some((i) => (this.asked.get(i) ?? 0) < EARLY_ASKS);
    if (now - this.at < (early ? PODS_MIN_GAP_MS : this.everyMs)) return true;
    this.at = now;
    this.asked = new Map(unnamed.map((i) => [i, (this.asked.get(i) ?? 0) + 1]));
    const r = await this.source.list();
    if (r.ok) {
      this.pods = new Map(r.pods.map((p) => [p.uid, p]));
      if (this.problem) this.log(`pod list read again from ${this.source.where}`);
      this.problem = undefined;
      return true;
    }
    if (this.problem !== r.problem)
      this.log(`pod list not read (${r.problem}): series keep their cgroup labels`);
    this.problem = r.problem;
    return false;
  }
}
