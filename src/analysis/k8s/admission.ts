/**
 * admission.k8s.io/v1 AdmissionReview in, AdmissionReview out (pure; the HTTPS server is in
 * src/cli/k8s-webhook-server.ts). warn: allowed with warnings; deny: refused when a finding
 * reaches the threshold; mutate: a JSON Patch that sets GOMEMLIMIT, warnings for what remains.
 * The request's uid is echoed, as the API server requires.
 */
import { isRecord, objectFromJson } from '../../formats/k8s-manifest.js';
import { reaches, type Severity } from '../../model/finding.js';
import type { LintOptions } from './facts.js';
import type { K8sFinding } from './finding.js';
import { planFixes } from './fix-plan.js';
import { applyJsonPatch, toJsonPatch, type JsonPatchOp } from './json-patch.js';
import { lintObjects } from './lint.js';

export type WebhookMode = 'warn' | 'deny' | 'mutate';

export interface AdmissionSettings {
  readonly mode: WebhookMode;
  readonly options: LintOptions;
  /** deny refuses objects with a finding at or above this severity. */
  readonly denyAt: Severity;
  /** Words for a finding (kept out of analysis: wording lives in report/). */
  readonly describe: (f: K8sFinding) => string;
}

export interface AdmissionResponse {
  readonly uid: string;
  readonly allowed: boolean;
  readonly warnings?: string[];
  readonly status?: { readonly code: number; readonly message: string };
  /** The JSON Patch; the server base64-encodes it and sets patchType: JSONPatch. */
  readonly patch?: JsonPatchOp[];
}

export type AdmissionResult =
  | { readonly ok: true; readonly response: AdmissionResponse }
  | { readonly ok: false; readonly message: string };

/** Kubernetes may truncate warnings over 256 characters; keep each one below that. */
const MAX_WARNING = 250;
const MAX_WARNINGS = 20;

export function review(body: unknown, settings: AdmissionSettings): AdmissionResult {
  if (!isRecord(body)) return { ok: false, message: 'body is not a JSON object' };
  if (body.apiVersion !== 'admission.k8s.io/v1' || body.kind !== 'AdmissionReview') {
    return { ok: false, message: 'expected apiVersion admission.k8s.io/v1, kind AdmissionReview' };
  }
  const request = body.request;
  if (!isRecord(request) || typeof request.uid !== 'string' || request.uid === '')
    return { ok: false, message: 'request.uid is missing' };
  const object = request.object;
  if (object === null || object === undefined)
    return { ok: true, response: { uid: request.uid, allowed: true } }; // DELETE
  if (!isRecord(object)) return { ok: false, message: 'request.object is not a JSON object' };
  return {
    ok: true,
    response: decide(request.uid, withNamespace(object, request.namespace), settings),
  };
}

function decide(
  uid: string,
  object: Record<string, unknown>,
  settings: AdmissionSettings,
): AdmissionResponse {
  const findings = lint(object, settings.options);
  if (settings.mode === 'mutate') {
    const plan = planFixes([objectFromJson(object, 'request')], settings.options);
    const patch = plan.fixes.flatMap((f) => toJsonPatch(f.op));
    const remaining = patch.length
      ? lint(applyJsonPatch(object, patch), settings.options)
      : findings;
    return {
      uid,
      allowed: true,
      ...warnings(remaining, settings),
      ...(patch.length ? { patch } : {}),
    };
  }
  const blocking =
    settings.mode === 'deny' ? findings.filter((f) => reaches(f.severity, settings.denyAt)) : [];
  if (blocking.length === 0) return { uid, allowed: true, ...warnings(findings, settings) };
  // A pod of thousands of containers must not make a megabyte-long status message.
  const shown = blocking.slice(0, MAX_WARNINGS).map((f) => `${f.code}: ${settings.describe(f)}`);
  const more = blocking.length - shown.length;
  const message = shown.join('; ') + (more > 0 ? `; and ${more} more` : '');
  return { uid, allowed: false, status: { code: 403, message }, ...warnings(findings, settings) };
}

function lint(object: Record<string, unknown>, options: LintOptions): readonly K8sFinding[] {
  return lintObjects([objectFromJson(object, 'request')], options).findings;
}

function warnings(
  findings: readonly K8sFinding[],
  settings: AdmissionSettings,
): { warnings?: string[] } {
  if (findings.length === 0) return {};
  const list = findings
    .slice(0, MAX_WARNINGS)
    .map((f) => clip(`${f.code}: ${settings.describe(f)}`));
  return { warnings: list };
}

function clip(text: string): string {
  return text.length <= MAX_WARNING ? text : text.slice(0, MAX_WARNING - 1) + '…';
}

/** Objects created through a namespace carry it in the request, not always in metadata. */
function withNamespace(
  object: Record<string, unknown>,
  namespace: unknown,
): Record<string, unknown> {
  const meta = isRecord(object.metadata) ? object.metadata : {};
  if (typeof namespace !== 'string' || typeof meta.namespace === 'string') return object;
  return { ...object, metadata: { ...meta, namespace } };
}
