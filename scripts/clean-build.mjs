// Removes what tsc wrote last time (dist/src, dist/test, dist/bench) so a file deleted or moved
// in the sources leaves no stale compiled copy behind (the test runner runs every file under
// dist/test). The Go binaries in dist/go and dist/upstream are kept: they are slow to rebuild.
import { rmSync } from 'node:fs';

for (const path of ['dist/src', 'dist/test', 'dist/bench', 'dist/.tsbuildinfo'])
  rmSync(path, { recursive: true, force: true });
