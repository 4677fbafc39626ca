/** `gomemlens k8s <lint|fix|gen|webhook>`: Go-aware Kubernetes manifests and admission. */
import { runSubcommand, type Subcommands } from './subcommands.js';

const HELP = `Usage: gomemlens k8s <subcommand> [flags]

Subcommands:
  lint FILES|DIRS|-     check Go containers' memory settings (text, JSON or SARIF)
  fix FILES [--write]   set or correct GOMEMLIMIT, keeping comments and formatting
  gen vpa FILE|-        a VerticalPodAutoscaler for a workload, with Go-aware bounds
  webhook               an admission webhook (warn, deny or mutate) over HTTPS

gomemlens k8s <subcommand> --help for its flags. See docs/k8s.md.`;

const SUBCOMMANDS: Subcommands = {
  lint: () => import('./k8s-lint.js'),
  fix: () => import('./k8s-fix.js'),
  gen: () => import('./k8s-gen.js'),
  webhook: () => import('./k8s-webhook.js'),
};

export function run(argv: string[]): Promise<number> {
  return runSubcommand(SUBCOMMANDS, HELP, argv);
}
