// Package agent is the in-process companion of gomemlens for Go services in Linux containers.
//
// One call adopts it:
//
//	agent.Start(agent.Options{})
//
// It then does three things, all from inside the process:
//
//   - Memory limit: it sets the Go runtime's soft memory limit (GOMEMLIMIT) to
//     Ratio x (effective cgroup limit - Reserve), reading cgroup v1 or v2 through
//     /proc/self/cgroup and /proc/self/mountinfo. The effective limit is the smallest
//     limit on the path from the process's group up to the mount root (memory.max, and
//     memory.high unless disabled, on v2; memory.limit_in_bytes and memory.stat's
//     hierarchical_memory_limit on v1). It re-reads the limit every RefreshInterval, so an
//     in-place resize of the container is followed. A GOMEMLIMIT set in the environment
//     wins: the agent leaves it alone and only reports when it has gone stale. The agent
//     refuses to set a limit below the live heap (/gc/heap/live:bytes), because such a
//     limit makes the GC run almost continuously until the cgroup OOM-kills the process.
//   - Adaptive GOGC (opt-in, see GOGCOptions): keeps the GC's share of the available CPU
//     under a budget by raising GOGC in bounded steps, as long as the heap goal stays
//     under the memory limit, and lowers it back when the share falls well below the
//     budget (hysteresis).
//   - An HTTP handler (Path, /debug/gomemlens) that serves the memory and GC
//     runtime/metrics present in the running Go version and the agent's decisions as JSON
//     (schema version SchemaVersion).
//
// Everything is read with runtime/metrics, which does not stop the world;
// runtime.ReadMemStats (which does) is never called.
//
// Decisions are logged with log/slog (Options.Logger, default slog.Default()), once per
// change rather than once per refresh.
package agent
