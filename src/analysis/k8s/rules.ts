/** Every k8s rule, in the order findings are reported for a container. */
import type { ArgsOf } from '../engine.js';
import { envUnresolved } from './rule-env-unresolved.js';
import { envValueNotString } from './rule-env-value-type.js';
import { gcStopTheWorld } from './rule-gcstoptheworld.js';
import { gogcOffWithoutLimit } from './rule-gogc-off.js';
import { goMemLimitDivisor, goMemLimitDownwardApi } from './rule-gomemlimit-downward.js';
import { goMemLimitMalformed } from './rule-gomemlimit-malformed.js';
import { goMemLimitMissing } from './rule-gomemlimit-missing.js';
import { goMemLimitAboveLimit, goMemLimitRatio } from './rule-gomemlimit-ratio.js';
import { goMemLimitVpaFrozen } from './rule-gomemlimit-vpa.js';
import { gomaxprocsAboveCpu } from './rule-gomaxprocs-cpu.js';
import { memoryLimitMissing } from './rule-memory-limit-missing.js';
import { quantityInvalid } from './rule-quantity-invalid.js';
import { requestAboveLimit } from './rule-request-above-limit.js';
import { godebugMadvdontneed } from './rule-godebug-madvdontneed.js';
import { goexperimentAtRuntime } from './rule-goexperiment-at-runtime.js';
import { goMemLimitGoTooOld } from './rule-gomemlimit-go-too-old.js';
import { goMemLimitVpaFeedback } from './rule-gomemlimit-vpa-feedback.js';
import { gomaxprocsNotContainerAware } from './rule-gomaxprocs-not-container-aware.js';
import { gotracebackOom } from './rule-gotraceback-oom.js';
import { hpaMemoryGo } from './rule-hpa-memory.js';

export const K8S_RULES = [
  quantityInvalid,
  memoryLimitMissing,
  requestAboveLimit,
  goMemLimitMalformed,
  goMemLimitMissing,
  goMemLimitAboveLimit,
  goMemLimitRatio,
  goMemLimitDownwardApi,
  goMemLimitDivisor,
  goMemLimitVpaFrozen,
  goMemLimitVpaFeedback,
  goMemLimitGoTooOld,
  hpaMemoryGo,
  gogcOffWithoutLimit,
  gcStopTheWorld,
  gomaxprocsAboveCpu,
  gomaxprocsNotContainerAware,
  godebugMadvdontneed,
  goexperimentAtRuntime,
  gotracebackOom,
  envValueNotString,
  envUnresolved,
] as const;

/** Each k8s code's args, as its rule declares them (the messages table is typed by it). */
export type K8sRuleArgs = ArgsOf<(typeof K8S_RULES)[number]>;
