/**
 * `fleet --manifests PATH`: reads workload manifests (files, directories, - for stdin) the way
 * `k8s lint` reads them, into the GOMEMLIMIT and GOGC each container's environment sets.
 */
import type { ManifestObject } from '../model/k8s.js';
import { manifestSettings, type SettingsIndex } from '../analysis/fleet/manifest-settings.js';
import { listInputs, parseInput, readInput } from './manifest-inputs.js';

export async function loadManifestSettings(
  paths: readonly string[],
): Promise<{ readonly index: SettingsIndex; readonly notes: readonly string[] }> {
  const { files, notes } = await listInputs(paths);
  const objects: ManifestObject[] = [];
  for (const name of files) objects.push(...parseInput(await readInput(name)).objects);
  return { index: manifestSettings(objects), notes };
}
