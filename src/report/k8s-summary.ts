/**
 * The lines under a k8s lint report: the images read with --inspect-images, and the containers
 * of unknown language with the ways to classify them.
 */
import type { UnknownContainer } from '../analysis/k8s/lint.js';
import type { ImageInspection } from '../model/image-inspection.js';

export type { UnknownContainer } from '../analysis/k8s/lint.js';

/** Images named in the hint before "and N more". */
const SHOWN = 3;

export function unknownHint(unknown: readonly UnknownContainer[], inspected = false): string[] {
  if (unknown.length === 0) return [];
  const images = [...new Set(unknown.map((u) => u.image ?? `(no image: ${u.container})`))];
  const named = images.slice(0, SHOWN).join(', ');
  const more = images.length > SHOWN ? ` and ${images.length - SHOWN} more` : '';
  const it = unknown.length === 1 ? 'it was' : 'they were';
  return [
    `not checked, ${it} not known to run Go: ${named}${more}.`,
    'Classify with --go-image REGEX or k8s.goImages/otherImages in --config FILE, or the',
    inspected
      ? 'gomemlens.dev/go annotation on the pod template.'
      : 'gomemlens.dev/go annotation on the pod template, or read the images with --inspect-images.',
  ];
}

export function imageLines(images: readonly ImageInspection[]): string[] {
  if (images.length === 0) return [];
  const lines = images.map((i) => {
    const what =
      i.verdict === 'go'
        ? `Go ${i.goVersion}${i.mainModule ? ` (${i.mainModule})` : ''}`
        : i.verdict === 'not-go'
          ? `not Go: ${i.reason}`
          : `unknown: ${i.reason}`;
    const argv = i.argv.join(' ');
    const command = argv.length > 60 ? `${argv.slice(0, 57)}...` : argv;
    return `  ${i.image} \`${command}\`: ${i.binary ?? '(no program)'}: ${what}`;
  });
  return ['images read:', ...lines, ''];
}
