/**
 * Large reviews go to one worker thread (k8s-webhook-worker.ts), one at a time. A request
 * waits for a slot before its body is read, so waiting requests hold no memory (their bytes
 * stay in the socket); past MAX_WAITING the server answers 503 at once.
 */
import { Worker } from 'node:worker_threads';
import type { AdmissionSettings } from '../analysis/k8s/admission.js';
import type { ReviewAnswer } from './k8s-webhook-review.js';
import type { ReviewJob, WorkerSettings } from './k8s-webhook-worker.js';

/** Bodies over this size are reviewed off the server thread. */
export const LARGE_BODY_BYTES = 64 * 1024;
/** Large requests being read or reviewed at once: one in the worker, one arriving. */
const SLOTS = 2;
/** Large requests allowed to wait for a slot. */
export const MAX_WAITING = 32;
/**
 * The review thread's heap: a 4 MiB review of thousands of containers needs about 60 MiB; a
 * review that needs more ends the thread (its request gets a logged 500, the next starts a
 * new thread) instead of growing the pod past its memory limit.
 */
const WORKER_HEAP_MIB = 128;

type Result = ReviewAnswer & { readonly error?: string };

export class ReviewPool {
  private worker?: Worker;
  private nextId = 0;
  private readonly pending = new Map<number, (r: Result) => void>();
  private free = SLOTS;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly settings: WorkerSettings) {}

  /** Resolves when the caller may read a large body; false when too many already wait. */
  async acquire(): Promise<boolean> {
    if (this.free > 0) {
      this.free--;
      return true;
    }
    if (this.waiting.length >= MAX_WAITING) return false;
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    return true;
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }

  review(body: Uint8Array, mode: AdmissionSettings['mode']): Promise<Result> {
    const worker = this.start();
    const id = this.nextId++;
    // Transfer the bytes, not a copy; a view into a shared pool buffer is copied first.
    const own =
      body.byteOffset === 0 && body.byteLength === body.buffer.byteLength
        ? body
        : new Uint8Array(body);
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      const job: ReviewJob = { id, mode, body: own };
      worker.postMessage(job, [own.buffer as ArrayBuffer]);
    });
  }

  close(): Promise<number> | undefined {
    return this.worker?.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./k8s-webhook-worker.js', import.meta.url), {
      workerData: this.settings,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MIB },
    });
    worker.unref();
    worker.on('message', (m: Result & { id: number }) => {
      this.pending.get(m.id)?.(m);
      this.pending.delete(m.id);
    });
    // A worker that dies fails the reviews it held (500, logged); the next one starts anew.
    const fail = (why: string) => {
      for (const resolve of this.pending.values())
        resolve({ status: 500, text: '', ms: 0, error: why });
      this.pending.clear();
      this.worker = undefined;
    };
    worker.on('error', (err) => fail(`review worker failed: ${err.message}`));
    worker.on('exit', (code) => fail(`review worker exited (${code})`));
    this.worker = worker;
    return worker;
  }
}
