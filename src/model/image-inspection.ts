/**
 * What `k8s lint --inspect-images` learned about the program a container runs: the image's
 * manifest digest, the command line the container starts with (Kubernetes' command/args over
 * the image's Entrypoint/Cmd), the binary that command resolves to inside the image, and that
 * binary's Go build info when it has one.
 */

export type ImageVerdict = 'go' | 'not-go' | 'unknown';

export interface ImageInspection {
  /** The image as the manifest writes it. */
  readonly image: string;
  /** Digest of the image manifest that was read (the platform's, under an index). */
  readonly digest: string;
  /** os/arch[/variant] of that manifest. */
  readonly platform: string;
  /** The command line the container runs. */
  readonly argv: readonly string[];
  /** The absolute path of the program inside the image, when it was found. */
  readonly binary?: string;
  /** go: a Go ELF binary; not-go: an ELF without Go build info; unknown: a script, no binary. */
  readonly verdict: ImageVerdict;
  readonly reason: string;
  /** From the Go build info: "go1.26.8". */
  readonly goVersion?: string;
  /** The GOEXPERIMENT build setting, when the binary was built with one. */
  readonly goexperiment?: string;
  /** The main module path ("github.com/prometheus/prometheus"). */
  readonly mainModule?: string;
}

/** What a container asks for: the image, and the command/args that replace Entrypoint/Cmd. */
export interface ImageRequest {
  readonly image: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  /** PATH from the container's env, which the runtime uses to find a bare command name. */
  readonly pathEnv?: string;
}

/** One key per distinct request: containers that run the same thing share an inspection. */
export function imageRequestKey(r: ImageRequest): string {
  return JSON.stringify([r.image, r.command ?? null, r.args ?? null, r.pathEnv ?? null]);
}
