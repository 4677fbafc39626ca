/**
 * SARIF 2.1.0 (OASIS) for any findings that carry a location. One run, one tool; every code of
 * the domain is listed as a rule (so ruleIndex is stable), results point at file:line:column.
 * Columns are counted in UTF-16 code units, as JavaScript strings are, and the run says so.
 */
import type { FindingCode } from '../model/codes/index.js';
import type { Finding, Severity } from '../model/finding.js';
import { describeFinding, messageFor } from './messages/index.js';

export interface SarifTool {
  readonly name: string;
  readonly version: string;
  /** The code's documentation page in the package (docs/rules/<code>.md). */
  readonly docsPath: (code: FindingCode) => string;
  /** Default level of each code, for the rule descriptors. */
  readonly defaultSeverity?: (code: FindingCode) => Severity;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

export function renderSarif(
  findings: readonly Finding[],
  codes: readonly FindingCode[],
  tool: SarifTool,
): string {
  const index = new Map(codes.map((c, i) => [c, i]));
  const rules = codes.map((code) => ({
    id: code,
    name: code,
    shortDescription: { text: messageFor(code).title },
    help: { text: `${messageFor(code).title}. See ${tool.docsPath(code)}.` },
    properties: { docs: tool.docsPath(code) },
    ...(tool.defaultSeverity
      ? { defaultConfiguration: { level: LEVEL[tool.defaultSeverity(code)] } }
      : {}),
  }));
  const results = findings.map((f) => sarifResult(f, index.get(f.code)));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: tool.name, version: tool.version, rules } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function sarifResult(f: Finding, ruleIndex: number | undefined) {
  const words = describeFinding(f);
  return {
    ruleId: f.code,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: LEVEL[f.severity],
    message: { text: `${words.summary} ${words.fix}` },
    ...(f.location ? { locations: [sarifLocation(f.location)] } : {}),
    properties: { args: f.args },
  };
}

function sarifLocation(loc: NonNullable<Finding['location']>) {
  const region: Record<string, number> = {};
  if (loc.line !== undefined && loc.line >= 1) region.startLine = loc.line;
  if (loc.column !== undefined && loc.column >= 1 && region.startLine)
    region.startColumn = loc.column;
  const uri = loc.file === '-' ? 'stdin' : encodeURI(loc.file.replace(/\\/g, '/'));
  return {
    physicalLocation: {
      artifactLocation: { uri },
      ...(region.startLine ? { region } : {}),
    },
  };
}
