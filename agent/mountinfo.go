package agent

import (
	"strconv"
	"strings"
)

// mount is one line of /proc/self/mountinfo, reduced to what cgroup resolution needs.
// Format (proc(5)): ID parentID major:minor root mountPoint options [optional...] - fstype source superOptions
type mount struct {
	root      string // the path inside the cgroup hierarchy that is mounted here
	point     string // where it is mounted, e.g. /sys/fs/cgroup/memory
	fsType    string // "cgroup" (v1) or "cgroup2"
	superOpts []string
}

func parseMountinfo(text string) []mount {
	var mounts []mount
	for _, line := range strings.Split(text, "\n") {
		fields := strings.Fields(line)
		sep := indexOf(fields, "-")
		if sep < 6 || len(fields) < sep+4 {
			continue // not a mountinfo line; skip rather than guess
		}
		mounts = append(mounts, mount{
			root:      unescapeOctal(fields[3]),
			point:     unescapeOctal(fields[4]),
			fsType:    fields[sep+1],
			superOpts: strings.Split(fields[sep+3], ","),
		})
	}
	return mounts
}

// findCgroupMount returns the v1 mount that carries the memory controller, or the cgroup2
// mount when v1 is false.
func findCgroupMount(mounts []mount, v1 bool) (mount, bool) {
	for _, m := range mounts {
		if v1 && m.fsType == "cgroup" && indexOf(m.superOpts, "memory") >= 0 {
			return m, true
		}
		if !v1 && m.fsType == "cgroup2" {
			return m, true
		}
	}
	return mount{}, false
}

func indexOf(list []string, want string) int {
	for i, s := range list {
		if s == want {
			return i
		}
	}
	return -1
}

// unescapeOctal undoes the kernel's \040-style escaping of spaces, tabs, newlines and
// backslashes in mountinfo paths (fs/proc_namespace.c, mangle()).
func unescapeOctal(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+4 <= len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+4], 8, 8); err == nil {
				b.WriteByte(byte(n))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
