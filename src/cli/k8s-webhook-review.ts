/**
 * One admission request body in, the HTTP answer out: status, JSON text and the time the
 * review took. Shared by the server thread (small bodies) and the review worker (large ones).
 */
import { review, type AdmissionSettings } from '../analysis/k8s/admission.js';
import { jsonDepthOver } from '../formats/json-depth.js';
import { MAX_NESTING } from '../formats/k8s-positions.js';

export interface ReviewAnswer {
  readonly status: number;
  /** The JSON body. */
  readonly text: string;
  /** Time spent on parsing and reviewing, in ms (the Server-Timing header). */
  readonly ms: number;
}

export function answerReview(bytes: Uint8Array, settings: AdmissionSettings): ReviewAnswer {
  const started = performance.now();
  const done = (status: number, body: unknown): ReviewAnswer => ({
    status,
    text: JSON.stringify(body),
    ms: performance.now() - started,
  });
  // Kubernetes objects nest about 20 levels; the review walks the object recursively.
  if (jsonDepthOver(bytes, MAX_NESTING))
    return done(400, { message: `malformed JSON: nested deeper than ${MAX_NESTING} levels` });
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (err) {
    return done(400, { message: `malformed JSON: ${(err as Error).message}` });
  }
  const result = review(parsed, settings);
  if (!result.ok) return done(400, { message: `malformed AdmissionReview: ${result.message}` });
  const { patch, ...rest } = result.response;
  const response = patch
    ? {
        ...rest,
        patchType: 'JSONPatch',
        patch: Buffer.from(JSON.stringify(patch)).toString('base64'),
      }
    : rest;
  return done(200, { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response });
}
