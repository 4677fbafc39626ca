/**
 * The webhook's review thread: large AdmissionReviews (a pod spec of thousands of containers
 * takes 200-500 ms to review) are parsed and reviewed here, one at a time, so the server
 * thread keeps answering small reviews in milliseconds meanwhile.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { AdmissionSettings } from '../analysis/k8s/admission.js';
import { describeFinding } from '../report/messages/index.js';
import { answerReview } from './k8s-webhook-review.js';

/** What the server thread sends: the settings once (workerData), then one job per review. */
export interface ReviewJob {
  readonly id: number;
  readonly mode: AdmissionSettings['mode'];
  readonly body: Uint8Array;
}

export type WorkerSettings = Omit<AdmissionSettings, 'describe'>;

const settings: AdmissionSettings = {
  ...(workerData as WorkerSettings),
  describe: (f) => describeFinding(f).summary,
};

parentPort?.on('message', (job: ReviewJob) => {
  let answer;
  try {
    answer = answerReview(job.body, { ...settings, mode: job.mode });
  } catch (err) {
    answer = { status: 500, text: '', ms: 0, error: (err as Error).message };
  }
  parentPort!.postMessage({ id: job.id, ...answer });
});
