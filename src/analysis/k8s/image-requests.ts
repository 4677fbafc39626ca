/** What `--inspect-images` has to read: one request per distinct image and command line. */
import { GO_ANNOTATION } from '../../model/k8s.js';
import { imageRequestKey, type ImageRequest } from '../../model/image-inspection.js';
import { pathEnv } from './containers.js';
import type { Inventory } from './inventory.js';

export function imageRequests(inventory: Inventory): ImageRequest[] {
  const out = new Map<string, ImageRequest>();
  for (const w of inventory.workloads) {
    for (const c of w.containers) {
      // A pod opted out is not checked, so its images need not be read.
      if (!c.image || c.go.reason === `${GO_ANNOTATION}: "false"`) continue;
      const r: ImageRequest = {
        image: c.image,
        command: c.command,
        args: c.args,
        pathEnv: pathEnv(c.env),
      };
      out.set(imageRequestKey(r), r);
    }
  }
  return [...out.values()];
}
