/**
 * Well-known images and the language of the program they run, so a Deployment of Prometheus
 * is checked as Go without any annotation. Data only: each entry names the upstream project
 * whose build produces the images, and lists repositories in canonical form (registry/path, as
 * src/model/image-ref.ts normalizes them: "prom/prometheus" is docker.io/prom/prometheus,
 * "nginx" is docker.io/library/nginx). A repository ending in "/*" covers every image under
 * that path (an organisation that only ships Go components).
 *
 * Left out on purpose: images that run Go next to another large program in one container
 * (ingress-nginx's controller with nginx, Istio's proxyv2 with Envoy, HAProxy's ingress
 * controller), where GOMEMLIMIT at a ratio of the container's limit would be wrong.
 */
import type { Language } from '../../model/k8s.js';

export interface CatalogueEntry {
  readonly language: Exclude<Language, 'unknown'>;
  readonly project: string;
  readonly upstream: string;
  readonly repositories: readonly string[];
}

const k8s = (names: string[]) => names.flatMap((n) => [`registry.k8s.io/${n}`, `k8s.gcr.io/${n}`]);

// One entry a line, so the table reads as a table.
// prettier-ignore
export const IMAGE_CATALOGUE: readonly CatalogueEntry[] = [
  // Go
  { language: 'go', project: 'Prometheus', upstream: 'https://github.com/prometheus/prometheus', repositories: ['docker.io/prom/prometheus', 'quay.io/prometheus/prometheus'] },
  { language: 'go', project: 'Alertmanager', upstream: 'https://github.com/prometheus/alertmanager', repositories: ['docker.io/prom/alertmanager', 'quay.io/prometheus/alertmanager'] },
  { language: 'go', project: 'Prometheus exporters', upstream: 'https://github.com/prometheus/node_exporter', repositories: ['docker.io/prom/node-exporter', 'quay.io/prometheus/node-exporter', 'docker.io/prom/blackbox-exporter', 'quay.io/prometheus/blackbox-exporter', 'docker.io/prom/pushgateway', 'quay.io/prometheus/pushgateway'] },
  { language: 'go', project: 'Prometheus Operator', upstream: 'https://github.com/prometheus-operator/prometheus-operator', repositories: ['quay.io/prometheus-operator/*'] },
  { language: 'go', project: 'Thanos', upstream: 'https://github.com/thanos-io/thanos', repositories: ['quay.io/thanos/thanos', 'docker.io/thanosio/thanos'] },
  { language: 'go', project: 'Grafana Loki', upstream: 'https://github.com/grafana/loki', repositories: ['docker.io/grafana/loki', 'docker.io/grafana/promtail'] },
  { language: 'go', project: 'Grafana Tempo', upstream: 'https://github.com/grafana/tempo', repositories: ['docker.io/grafana/tempo'] },
  { language: 'go', project: 'Grafana Mimir', upstream: 'https://github.com/grafana/mimir', repositories: ['docker.io/grafana/mimir'] },
  { language: 'go', project: 'Grafana Agent', upstream: 'https://github.com/grafana/agent', repositories: ['docker.io/grafana/agent'] },
  { language: 'go', project: 'Grafana Alloy', upstream: 'https://github.com/grafana/alloy', repositories: ['docker.io/grafana/alloy'] },
  { language: 'go', project: 'Grafana', upstream: 'https://github.com/grafana/grafana', repositories: ['docker.io/grafana/grafana', 'docker.io/grafana/grafana-oss', 'docker.io/grafana/grafana-enterprise'] },
  { language: 'go', project: 'etcd', upstream: 'https://github.com/etcd-io/etcd', repositories: ['quay.io/coreos/etcd', 'gcr.io/etcd-development/etcd', ...k8s(['etcd'])] },
  { language: 'go', project: 'CoreDNS', upstream: 'https://github.com/coredns/coredns', repositories: ['docker.io/coredns/coredns', ...k8s(['coredns/coredns', 'coredns'])] },
  { language: 'go', project: 'Traefik', upstream: 'https://github.com/traefik/traefik', repositories: ['docker.io/library/traefik', 'docker.io/traefik/traefik'] },
  { language: 'go', project: 'Caddy', upstream: 'https://github.com/caddyserver/caddy', repositories: ['docker.io/library/caddy', 'docker.io/caddy/caddy'] },
  { language: 'go', project: 'Istio (istiod)', upstream: 'https://github.com/istio/istio', repositories: ['docker.io/istio/pilot', 'gcr.io/istio-release/pilot'] },
  { language: 'go', project: 'Cilium', upstream: 'https://github.com/cilium/cilium', repositories: ['quay.io/cilium/cilium', 'quay.io/cilium/operator', 'quay.io/cilium/operator-generic', 'quay.io/cilium/operator-aws', 'quay.io/cilium/operator-azure', 'quay.io/cilium/hubble-relay', 'quay.io/cilium/clustermesh-apiserver'] },
  { language: 'go', project: 'cert-manager', upstream: 'https://github.com/cert-manager/cert-manager', repositories: ['quay.io/jetstack/cert-manager-controller', 'quay.io/jetstack/cert-manager-webhook', 'quay.io/jetstack/cert-manager-cainjector', 'quay.io/jetstack/cert-manager-acmesolver', 'quay.io/jetstack/cert-manager-startupapicheck'] },
  { language: 'go', project: 'ExternalDNS', upstream: 'https://github.com/kubernetes-sigs/external-dns', repositories: k8s(['external-dns/external-dns']) },
  { language: 'go', project: 'Argo CD', upstream: 'https://github.com/argoproj/argo-cd', repositories: ['quay.io/argoproj/argocd'] },
  { language: 'go', project: 'Argo Rollouts and Workflows', upstream: 'https://github.com/argoproj/argo-workflows', repositories: ['quay.io/argoproj/argo-rollouts', 'quay.io/argoproj/workflow-controller', 'quay.io/argoproj/argocli', 'quay.io/argoproj/argoexec'] },
  { language: 'go', project: 'Flux', upstream: 'https://github.com/fluxcd/flux2', repositories: ['ghcr.io/fluxcd/*', 'docker.io/fluxcd/*'] },
  { language: 'go', project: 'Vault', upstream: 'https://github.com/hashicorp/vault', repositories: ['docker.io/hashicorp/vault', 'docker.io/library/vault', 'docker.io/hashicorp/vault-k8s'] },
  { language: 'go', project: 'Consul', upstream: 'https://github.com/hashicorp/consul', repositories: ['docker.io/hashicorp/consul', 'docker.io/library/consul', 'docker.io/hashicorp/consul-k8s-control-plane'] },
  { language: 'go', project: 'NATS', upstream: 'https://github.com/nats-io/nats-server', repositories: ['docker.io/library/nats', 'docker.io/synadia/nats-server'] },
  { language: 'go', project: 'MinIO', upstream: 'https://github.com/minio/minio', repositories: ['docker.io/minio/minio', 'quay.io/minio/minio'] },
  { language: 'go', project: 'CockroachDB', upstream: 'https://github.com/cockroachdb/cockroach', repositories: ['docker.io/cockroachdb/cockroach'] },
  { language: 'go', project: 'Kubernetes control plane', upstream: 'https://github.com/kubernetes/kubernetes', repositories: k8s(['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kube-proxy']) },
  { language: 'go', project: 'Kubernetes add-ons', upstream: 'https://github.com/kubernetes-sigs/metrics-server', repositories: k8s(['metrics-server/metrics-server', 'kube-state-metrics/kube-state-metrics', 'autoscaling/cluster-autoscaler', 'autoscaling/vpa-recommender', 'autoscaling/vpa-updater', 'autoscaling/vpa-admission-controller', 'dns/k8s-dns-node-cache', 'sig-storage/*']) },
  { language: 'go', project: 'Contour (ingress controller)', upstream: 'https://github.com/projectcontour/contour', repositories: ['ghcr.io/projectcontour/contour', 'docker.io/projectcontour/contour'] },
  { language: 'go', project: 'Envoy Gateway (control plane)', upstream: 'https://github.com/envoyproxy/gateway', repositories: ['docker.io/envoyproxy/gateway'] },
  { language: 'go', project: 'OpenTelemetry Collector', upstream: 'https://github.com/open-telemetry/opentelemetry-collector', repositories: ['docker.io/otel/opentelemetry-collector', 'docker.io/otel/opentelemetry-collector-contrib', 'docker.io/otel/opentelemetry-collector-k8s'] },
  { language: 'go', project: 'Jaeger', upstream: 'https://github.com/jaegertracing/jaeger', repositories: ['docker.io/jaegertracing/*', 'quay.io/jaegertracing/*'] },
  { language: 'go', project: 'VictoriaMetrics', upstream: 'https://github.com/VictoriaMetrics/VictoriaMetrics', repositories: ['docker.io/victoriametrics/*'] },
  { language: 'go', project: 'Kyverno', upstream: 'https://github.com/kyverno/kyverno', repositories: ['ghcr.io/kyverno/*'] },
  { language: 'go', project: 'KEDA', upstream: 'https://github.com/kedacore/keda', repositories: ['ghcr.io/kedacore/keda', 'ghcr.io/kedacore/keda-metrics-apiserver', 'ghcr.io/kedacore/keda-admission-webhooks'] },
  { language: 'go', project: 'Open Policy Agent', upstream: 'https://github.com/open-policy-agent/opa', repositories: ['docker.io/openpolicyagent/opa', 'docker.io/openpolicyagent/gatekeeper'] },
  { language: 'go', project: 'Velero', upstream: 'https://github.com/vmware-tanzu/velero', repositories: ['docker.io/velero/velero'] },
  { language: 'go', project: 'Distribution (registry)', upstream: 'https://github.com/distribution/distribution', repositories: ['docker.io/library/registry'] },
  // Not Go: common images whose main program is written in another language.
  { language: 'other', project: 'nginx (C)', upstream: 'https://github.com/nginx/nginx', repositories: ['docker.io/library/nginx', 'docker.io/nginxinc/nginx-unprivileged'] },
  { language: 'other', project: 'Envoy (C++)', upstream: 'https://github.com/envoyproxy/envoy', repositories: ['docker.io/envoyproxy/envoy'] },
  { language: 'other', project: 'BusyBox and base images (shell)', upstream: 'https://github.com/docker-library/official-images', repositories: ['docker.io/library/busybox', 'docker.io/library/alpine', 'docker.io/library/debian', 'docker.io/library/ubuntu'] },
  { language: 'other', project: 'Kubernetes pause (C)', upstream: 'https://github.com/kubernetes/kubernetes/tree/master/build/pause', repositories: k8s(['pause']) },
  { language: 'other', project: 'Databases and caches (C, Erlang)', upstream: 'https://github.com/docker-library/official-images', repositories: ['docker.io/library/postgres', 'docker.io/library/mysql', 'docker.io/library/mariadb', 'docker.io/library/redis', 'docker.io/library/memcached', 'docker.io/library/rabbitmq'] },
  { language: 'other', project: 'Language runtimes (Python, Node.js, Java)', upstream: 'https://github.com/docker-library/official-images', repositories: ['docker.io/library/python', 'docker.io/library/node', 'docker.io/library/openjdk', 'docker.io/library/eclipse-temurin'] },
];
