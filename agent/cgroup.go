package agent

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// ErrNoMemoryCgroup means the process has no memory cgroup the agent can read: it does not
// run in a container, or the memory controller is not mounted. It is not a failure.
var ErrNoMemoryCgroup = errors.New("no memory cgroup")

// unlimitedThreshold: cgroup v1 prints "no limit" as PAGE_COUNTER_MAX in bytes
// (9223372036854771712 on 4 KiB pages); anything at or above 2^62 is treated as no limit.
const unlimitedThreshold = 1 << 62

// CgroupLimit is the effective memory limit of the process's cgroup.
type CgroupLimit struct {
	// Bytes is the smallest limit on the path; 0 when no level sets one.
	Bytes uint64
	// Source is the absolute path of the file that set Bytes, for example
	// /sys/fs/cgroup/memory.max; empty when there is no limit.
	Source string
	// Version is the cgroup version: 1 or 2.
	Version int
	// Group is the host directory of the process's own cgroup.
	Group string
}

// Unlimited reports whether no level of the cgroup path sets a memory limit.
func (l CgroupLimit) Unlimited() bool { return l.Bytes == 0 }

// ReadCgroupLimit resolves the process's memory cgroup from proc/self/cgroup and
// proc/self/mountinfo inside fsys (os.DirFS("/") on a real system, a fixture tree in tests)
// and returns the smallest limit from that group up to the mount root. On cgroup v2
// memory.high counts as a limit when considerHigh is true: above it the kernel throttles
// the group into reclaim (Documentation/admin-guide/cgroup-v2.rst).
func ReadCgroupLimit(fsys fs.FS, considerHigh bool) (CgroupLimit, error) {
	group, v1, err := ownMemoryGroup(fsys)
	if err != nil {
		return CgroupLimit{}, err
	}
	mountText, err := fs.ReadFile(fsys, "proc/self/mountinfo")
	if err != nil {
		return CgroupLimit{}, fmt.Errorf("/proc/self/mountinfo: %w", err)
	}
	mounts := parseMountinfo(string(mountText))
	m, found := findCgroupMount(mounts, v1)
	if !found && v1 {
		// A v1 memory line without a v1 mount: try the unified hierarchy.
		if group, v1, err = ownV2Group(fsys); err == nil {
			m, found = findCgroupMount(mounts, false)
		}
	}
	if !found {
		return CgroupLimit{}, ErrNoMemoryCgroup
	}
	dir := hostDir(m, group)
	if v1 {
		return walkLimits(fsys, dir, m.point, 1, []string{"memory.limit_in_bytes"})
	}
	files := []string{"memory.max"}
	if considerHigh {
		files = append(files, "memory.high")
	}
	return walkLimits(fsys, dir, m.point, 2, files)
}

// ownMemoryGroup reads proc/self/cgroup: the v1 line whose controllers include memory
// ("4:memory:/a/b") wins over the v2 line ("0::/a/b"), as on hybrid hosts the unified
// hierarchy has no memory controller.
func ownMemoryGroup(fsys fs.FS) (group string, v1 bool, err error) {
	text, err := fs.ReadFile(fsys, "proc/self/cgroup")
	if err != nil {
		return "", false, fmt.Errorf("/proc/self/cgroup: %w", err)
	}
	v2Group, hasV2 := "", false
	for _, line := range strings.Split(string(text), "\n") {
		parts := strings.SplitN(line, ":", 3)
		if len(parts) != 3 {
			continue
		}
		if indexOf(strings.Split(parts[1], ","), "memory") >= 0 {
			return parts[2], true, nil
		}
		if parts[0] == "0" && parts[1] == "" {
			v2Group, hasV2 = parts[2], true
		}
	}
	if !hasV2 {
		return "", false, ErrNoMemoryCgroup
	}
	return v2Group, false, nil
}

func ownV2Group(fsys fs.FS) (string, bool, error) {
	text, err := fs.ReadFile(fsys, "proc/self/cgroup")
	if err != nil {
		return "", false, err
	}
	for _, line := range strings.Split(string(text), "\n") {
		if strings.HasPrefix(line, "0::") {
			return strings.TrimPrefix(line, "0::"), false, nil
		}
	}
	return "", false, ErrNoMemoryCgroup
}

// hostDir maps a cgroup path (relative to the hierarchy root) to a directory under the
// mount point. The mount may show only a subtree (mountinfo root field); a group outside
// that subtree (a "/../.." path under a cgroup namespace) maps to the mount point itself.
func hostDir(m mount, group string) string {
	if strings.HasPrefix(group, "/..") {
		return m.point
	}
	root := strings.TrimSuffix(m.root, "/")
	switch {
	case root == "":
		return path.Join(m.point, group)
	case group == root:
		return m.point
	case strings.HasPrefix(group, root+"/"):
		return path.Join(m.point, strings.TrimPrefix(group, root))
	default:
		return m.point
	}
}
