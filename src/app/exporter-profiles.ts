/**
 * Pre-OOM profiles at node scale: when a container's forecast time to the limit falls under the
 * threshold, the exporter takes what `watch` takes on its ETA trigger (a full read, a heap
 * profile after a GC, a goroutine dump) while the process is still alive: the kernel's SIGKILL
 * leaves it no chance later (mm/oom_kill.c). Captures run off the sampling cycle, a few at a
 * time, so a node full of leaking containers cannot stall the sampling or flood the services.
 */
import type { ProfileStore } from '../sources/profile-store.js';
import type { ExporterTarget } from './exporter-target.js';
import { KeyedQueue } from './job-queue.js';

export interface ProfileJobOptions {
  readonly store: ProfileStore;
  /** The exporter's own URL as Prometheus reaches it: profile links start with it. */
  readonly externalUrl: string;
  readonly log: (line: string) => void;
  /** Captures at the same time (default 2). */
  readonly concurrency?: number;
}

export class PreOomProfiles {
  taken = 0;
  failed = 0;
  private readonly halt = new AbortController();
  private readonly queue: KeyedQueue<number>;

  constructor(private readonly o: ProfileJobOptions) {
    this.queue = new KeyedQueue(o.concurrency ?? 2, (pid, err) => {
      this.failed++;
      o.log(`profile of process ${pid} failed: ${err.message}`);
    });
  }

  /** Queues a capture for the target unless one is queued or running for it. */
  request(target: ExporterTarget, key: string, reason: string): void {
    this.queue.push(target.pid, () => this.capture(target, key, reason));
  }

  async stop(): Promise<void> {
    this.halt.abort();
    await this.queue.stop();
  }

  private async capture(target: ExporterTarget, key: string, reason: string): Promise<void> {
    const t = Date.now();
    await target.full(t);
    const heap = await target.fetchProfile('heap', this.halt.signal);
    if (this.halt.signal.aborted) return;
    if (!heap.bytes) throw new Error(heap.error ?? 'no heap profile');
    const saved = await this.o.store.save(key, 'heap', t, heap.bytes);
    target.profile = { url: `${this.o.externalUrl}/profiles/${saved.path}`, t };
    this.taken++;
    this.o.log(`${reason}: heap profile of ${key} saved as ${target.profile.url}`);
    const goroutines = await target.fetchProfile('goroutine', this.halt.signal);
    if (goroutines.bytes) await this.o.store.save(key, 'goroutine', t, goroutines.bytes);
  }
}
