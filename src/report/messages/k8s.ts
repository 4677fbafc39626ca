import type { K8sCode } from '../../model/codes/index.js';
import type { MessageInfo } from './types.js';

export const k8sMessages: Record<K8sCode, MessageInfo> = {};
