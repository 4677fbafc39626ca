/** The wording of every finding code, looked up by code. */
import type { FindingCode } from '../../model/codes/index.js';
import type { Finding } from '../../model/finding.js';
import { k8sMessages } from './k8s.js';
import { runtimeMessages } from './runtime.js';
import type { MessageInfo } from './types.js';
import { watchMessages } from './watch.js';
import { fleetMessages } from './fleet.js';

export type { MessageInfo } from './types.js';

const ALL: Record<FindingCode, MessageInfo> = {
  ...runtimeMessages,
  ...k8sMessages,
  ...watchMessages,
  ...fleetMessages,
};

export function messageFor(code: FindingCode): MessageInfo {
  return ALL[code];
}

export function describeFinding(f: Finding): { title: string; summary: string; fix: string } {
  const info = messageFor(f.code);
  return { title: info.title, summary: info.summary(f.args), fix: info.fix(f.args) };
}
