// Writes the generated deploy/ files (the dashboard JSON and ConfigMap, the PrometheusRule).
// Usage: npm run deploy
import { writeFileSync } from 'node:fs';
import { generatedFiles } from './deploy/manifests.js';

for (const [path, text] of Object.entries(generatedFiles())) {
  writeFileSync(path, text);
  console.log(`wrote ${path}`);
}
