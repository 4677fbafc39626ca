/** The bundled page code (scripts/build-web.mjs writes dist/web/NAME.js and NAME.css). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError } from '../model/errors.js';
import type { PageAssets } from '../report/html/page.js';

export function readWebAssets(name: 'report' | 'pprof' | 'live'): PageAssets {
  const dir = fileURLToPath(new URL('../../web/', import.meta.url));
  try {
    return {
      js: readFileSync(`${dir}${name}.js`, 'utf8'),
      css: readFileSync(`${dir}${name}.css`, 'utf8'),
    };
  } catch {
    throw new InputError(`the page's code is missing from ${dir} (run npm run build)`);
  }
}
