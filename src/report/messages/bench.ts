import type { BenchCode } from '../../model/codes/index.js';
import type { MessageInfo } from './types.js';

export const benchMessages: Record<BenchCode, MessageInfo> = {};
