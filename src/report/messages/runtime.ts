import type { RuntimeCode } from '../../model/codes/index.js';
import type { MessageInfo } from './types.js';

export const runtimeMessages: Record<RuntimeCode, MessageInfo> = {};
