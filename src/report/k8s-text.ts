/** k8s lint as text (file:line:column first, so editors and terminals can jump to it) and JSON. */
import { SEVERITY_RANK, type Finding } from '../model/finding.js';
import type { ImageInspection } from '../model/image-inspection.js';
import { describeFinding } from './messages/index.js';
import { imageLines, unknownHint, type UnknownContainer } from './k8s-summary.js';

export interface K8sReport {
  readonly findings: readonly Finding[];
  readonly files: number;
  readonly objects: number;
  readonly workloads: number;
  readonly goContainers: number;
  /** Containers nothing classified as Go or not (not checked). */
  readonly unknown?: readonly UnknownContainer[];
  /** Images read with --inspect-images. */
  readonly images?: readonly ImageInspection[];
}

function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      (a.location?.file ?? '').localeCompare(b.location?.file ?? '') ||
      (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
      (a.location?.column ?? 0) - (b.location?.column ?? 0) ||
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity],
  );
}

function locationText(f: Finding): string {
  const l = f.location;
  if (!l) return '';
  return [l.file, l.line, l.column].filter((p) => p !== undefined).join(':');
}

export function renderK8sText(report: K8sReport): string {
  const lines: string[] = [];
  for (const f of sortFindings(report.findings)) {
    const words = describeFinding(f);
    lines.push(
      `${locationText(f)}: ${f.severity} ${f.code}`,
      `  ${words.summary}`,
      `  fix: ${words.fix}`,
      '',
    );
  }
  lines.push(...imageLines(report.images ?? []));
  lines.push(
    summaryLine(report),
    ...unknownHint(report.unknown ?? [], report.images !== undefined),
  );
  return lines.join('\n') + '\n';
}

function summaryLine(report: K8sReport): string {
  const count = (s: Finding['severity']) => report.findings.filter((f) => f.severity === s).length;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  return (
    `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info ` +
    `in ${plural(report.files, 'file')}: ${plural(report.workloads, 'workload')}, ${plural(report.goContainers, 'Go container')}` +
    (report.unknown?.length ? `, ${report.unknown.length} of unknown language` : '')
  );
}

export function renderK8sJson(report: K8sReport): string {
  const findings = sortFindings(report.findings).map((f) => {
    const words = describeFinding(f);
    return {
      code: f.code,
      severity: f.severity,
      title: words.title,
      message: words.summary,
      fix: words.fix,
      location: f.location,
      args: f.args,
      evidence: f.evidence,
    };
  });
  const { files, objects, workloads, goContainers } = report;
  const unknown = report.unknown ?? [];
  const summary = { files, objects, workloads, goContainers, unknownLanguage: unknown.length };
  const extra = {
    ...(unknown.length > 0 ? { unknownContainers: unknown } : {}),
    ...(report.images ? { images: report.images } : {}),
  };
  return JSON.stringify({ summary, findings, ...extra }, null, 2) + '\n';
}
