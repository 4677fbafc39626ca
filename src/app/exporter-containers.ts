/**
 * Containers by their labels, across their instances: a Kubernetes container that is killed
 * and restarted comes back in a new cgroup (a new container ID) with the same namespace, pod
 * and container labels. Its OOM kill counter must not fall back to 0 then, nor lose the kill
 * that made it restart (cAdvisor's container_oom_events_total does: cadvisor #3015). So each
 * instance keeps the highest cgroup counter read from it, the kubelet's "OOMKilled" on an
 * instance counts as at least one, and the container's counter is the sum. A container whose
 * process is gone keeps its counter series for `retentionMs`, so Prometheus sees the last
 * increase.
 */
import type { ContainerLabels } from '../analysis/exporter-series.js';

export interface ContainerIdentity {
  /** The labels as one string: the record's key. */
  readonly key: string;
  readonly labels: ContainerLabels;
  /** This instance: the container ID, or the cgroup path outside Kubernetes. */
  readonly instance: string;
}

interface ContainerRecord {
  readonly labels: ContainerLabels;
  readonly instances: Map<string, number>;
  lastSeen: number;
}

export function identityKey(labels: ContainerLabels): string {
  return JSON.stringify([labels.namespace, labels.pod, labels.container, labels.cgroup]);
}

export class ContainerBook {
  private readonly records = new Map<string, ContainerRecord>();

  /** An instance was read; `counter` is its cgroup's oom_kill (undefined: not read). */
  observe(id: ContainerIdentity, counter: number | undefined, now: number): void {
    const rec = this.record(id, now);
    const before = rec.instances.get(id.instance) ?? 0;
    rec.instances.set(id.instance, Math.max(before, counter ?? 0));
  }

  /** The kubelet reports this instance OOM-killed; only containers already followed count. */
  killed(key: string, instance: string): void {
    const rec = this.records.get(key);
    if (rec) rec.instances.set(instance, Math.max(1, rec.instances.get(instance) ?? 0));
  }

  kills(key: string): number {
    let n = 0;
    for (const v of this.records.get(key)?.instances.values() ?? []) n += v;
    return n;
  }

  /** Records not seen at `now` (their process is gone), until they expire. */
  departed(now: number): { key: string; labels: ContainerLabels }[] {
    return [...this.records]
      .filter(([, r]) => r.lastSeen < now)
      .map(([key, r]) => ({ key, labels: r.labels }));
  }

  expire(now: number, retentionMs: number): void {
    for (const [key, r] of this.records)
      if (now - r.lastSeen > retentionMs) this.records.delete(key);
  }

  get size(): number {
    return this.records.size;
  }

  private record(id: ContainerIdentity, now: number): ContainerRecord {
    let rec = this.records.get(id.key);
    if (!rec)
      this.records.set(id.key, (rec = { labels: id.labels, instances: new Map(), lastSeen: now }));
    rec.lastSeen = now;
    return rec;
  }
}
