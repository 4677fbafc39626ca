package agent

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
)

// walkLimits reads the limit files in dir and in each parent up to and including mountPoint,
// and keeps the smallest. A missing file is normal (the v2 root has no memory.max); a file
// that exists but cannot be read or parsed is an error, because guessing would be worse.
func walkLimits(fsys fs.FS, dir, mountPoint string, version int, files []string) (CgroupLimit, error) {
	best := CgroupLimit{Version: version, Group: dir}
	for d := dir; ; d = path.Dir(d) {
		for _, name := range files {
			file := path.Join(d, name)
			n, ok, err := readLimitFile(fsys, file)
			if err != nil {
				return CgroupLimit{}, err
			}
			if ok && (best.Bytes == 0 || n < best.Bytes) {
				best.Bytes, best.Source = n, file
			}
		}
		if d == mountPoint || d == "/" || !strings.HasPrefix(d, mountPoint) {
			break
		}
	}
	if version == 1 {
		return withHierarchicalLimit(fsys, best)
	}
	return best, nil
}

// withHierarchicalLimit lowers a v1 limit to memory.stat's hierarchical_memory_limit, which
// the kernel computes over every ancestor, including ones above a container's mount root.
func withHierarchicalLimit(fsys fs.FS, best CgroupLimit) (CgroupLimit, error) {
	file := path.Join(best.Group, "memory.stat")
	text, err := fs.ReadFile(fsys, strings.TrimPrefix(file, "/"))
	if errors.Is(err, fs.ErrNotExist) {
		return best, nil
	}
	if err != nil {
		return CgroupLimit{}, fmt.Errorf("%s: %w", file, err)
	}
	for _, line := range strings.Split(string(text), "\n") {
		value, found := strings.CutPrefix(line, "hierarchical_memory_limit ")
		if !found {
			continue
		}
		n, ok, err := parseLimitValue(value)
		if err != nil {
			return CgroupLimit{}, fmt.Errorf("%s: %w", file, err)
		}
		if ok && (best.Bytes == 0 || n < best.Bytes) {
			best.Bytes, best.Source = n, file+" (hierarchical_memory_limit)"
		}
	}
	return best, nil
}

// readLimitFile returns the limit in file; ok is false when the file is missing or says
// there is no limit.
func readLimitFile(fsys fs.FS, file string) (n uint64, ok bool, err error) {
	text, err := fs.ReadFile(fsys, strings.TrimPrefix(file, "/"))
	if errors.Is(err, fs.ErrNotExist) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("%s: %w", file, err)
	}
	n, ok, err = parseLimitValue(string(text))
	if err != nil {
		return 0, false, fmt.Errorf("%s: %w", file, err)
	}
	return n, ok, nil
}

// parseLimitValue parses "max" (v2), a byte count, or v1's huge "no limit" number.
func parseLimitValue(text string) (uint64, bool, error) {
	t := strings.TrimSpace(text)
	if t == "max" {
		return 0, false, nil
	}
	n, err := strconv.ParseUint(t, 10, 64)
	if err != nil {
		return 0, false, fmt.Errorf("not a memory limit: %q", truncate(t, 40))
	}
	if n >= unlimitedThreshold {
		return 0, false, nil
	}
	return n, true, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
