import type { WatchCode } from '../../model/codes/index.js';
import type { MessageInfo } from './types.js';

export const watchMessages: Record<WatchCode, MessageInfo> = {};
