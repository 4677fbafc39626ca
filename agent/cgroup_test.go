package agent

import (
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

func TestReadCgroupLimitFixtures(t *testing.T) {
	const pod4 = "/sys/fs/cgroup/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod4.slice"
	cases := []struct {
		fixture     string
		ignoreHigh  bool
		wantBytes   uint64
		wantVersion int
		wantSource  string
	}{
		{"v1", false, 536870912, 1, "/sys/fs/cgroup/memory/kubepods/burstable/pod1/ctr/memory.limit_in_bytes"},
		{"v1-nested", false, 268435456, 1, "/sys/fs/cgroup/memory/kubepods/pod2/memory.limit_in_bytes"},
		{"v1-container", false, 314572800, 1, "/sys/fs/cgroup/memory/memory.stat (hierarchical_memory_limit)"},
		{"v2", false, 536870912, 2, "/sys/fs/cgroup/memory.max"},
		{"v2-nested", false, 805306368, 2, pod4 + "/cri-containerd-abc.scope/memory.high"},
		{"v2-nested", true, 1073741824, 2, pod4 + "/memory.max"},
		{"v2-nolimit", false, 0, 2, ""},
		{"hybrid", false, 209715200, 1, "/sys/fs/cgroup/memory/process_api/24cb66ff3fda113ed1909635ad61fc4f/memory.limit_in_bytes"},
	}
	for _, c := range cases {
		got, err := ReadCgroupLimit(os.DirFS("testdata/cgroup/"+c.fixture), !c.ignoreHigh)
		if err != nil {
			t.Errorf("%s: %v", c.fixture, err)
			continue
		}
		if got.Bytes != c.wantBytes || got.Version != c.wantVersion || got.Source != c.wantSource {
			t.Errorf("%s (ignoreHigh=%v): got %d v%d from %q, want %d v%d from %q", c.fixture, c.ignoreHigh,
				got.Bytes, got.Version, got.Source, c.wantBytes, c.wantVersion, c.wantSource)
		}
		if got.Unlimited() != (c.wantBytes == 0) {
			t.Errorf("%s: Unlimited() = %v", c.fixture, got.Unlimited())
		}
	}
}

func TestReadCgroupLimitErrors(t *testing.T) {
	cases := []struct{ fixture, wantInError string }{
		{"v2-unreadable", "/sys/fs/cgroup/app/memory.max"},
		{"v2-garbled", `not a memory limit: "12 MiB"`},
	}
	for _, c := range cases {
		_, err := ReadCgroupLimit(os.DirFS("testdata/cgroup/"+c.fixture), true)
		if err == nil || !strings.Contains(err.Error(), c.wantInError) || errors.Is(err, ErrNoMemoryCgroup) {
			t.Errorf("%s: err = %v, want one naming %q", c.fixture, err, c.wantInError)
		}
	}
	if _, err := ReadCgroupLimit(os.DirFS("testdata/cgroup/none"), true); !errors.Is(err, ErrNoMemoryCgroup) {
		t.Errorf("none: err = %v, want ErrNoMemoryCgroup", err)
	}
	if _, err := ReadCgroupLimit(os.DirFS("testdata/cgroup/does-not-exist"), true); err == nil {
		t.Error("missing tree: want an error")
	}
}

// deniedFS refuses one path, like a file the process may not read (EACCES).
type deniedFS struct {
	fs.FS
	denied string
}

func (d deniedFS) Open(name string) (fs.File, error) {
	if name == d.denied {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return d.FS.Open(name)
}

func TestReadCgroupLimitPermissionDenied(t *testing.T) {
	fsys := deniedFS{os.DirFS("testdata/cgroup/v2"), "sys/fs/cgroup/memory.max"}
	_, err := ReadCgroupLimit(fsys, true)
	if !errors.Is(err, fs.ErrPermission) || !strings.Contains(err.Error(), "/sys/fs/cgroup/memory.max") {
		t.Errorf("err = %v, want a permission error naming the file", err)
	}
}

func TestParseMountinfoEscapesAndJunk(t *testing.T) {
	text := "garbage line\n" +
		`40 31 0:37 /a\040b /sys/fs/cgroup/my\040mem rw - cgroup cgroup rw,memory` + "\n"
	m := parseMountinfo(text)
	if len(m) != 1 || m[0].point != "/sys/fs/cgroup/my mem" || m[0].root != "/a b" {
		t.Fatalf("got %+v", m)
	}
}

func TestHostDir(t *testing.T) {
	cases := []struct{ root, point, group, want string }{
		{"/", "/sys/fs/cgroup", "/a/b", "/sys/fs/cgroup/a/b"},
		{"/a", "/sys/fs/cgroup", "/a/b", "/sys/fs/cgroup/b"},
		{"/a/b", "/sys/fs/cgroup", "/a/b", "/sys/fs/cgroup"},
		{"/", "/sys/fs/cgroup", "/../../x", "/sys/fs/cgroup"},
		{"/x", "/sys/fs/cgroup", "/y", "/sys/fs/cgroup"},
		{"/a", "/sys/fs/cgroup", "/ab/c", "/sys/fs/cgroup"},
	}
	for _, c := range cases {
		if got := hostDir(mount{root: c.root, point: c.point}, c.group); got != c.want {
			t.Errorf("hostDir(%q, %q) = %q, want %q", c.root, c.group, got, c.want)
		}
	}
}

// Any content in the three files gives a limit or an error, never a panic or a hang.
func FuzzReadCgroupLimit(f *testing.F) {
	for _, fx := range []string{"v1", "v2", "v2-nested", "v1-container", "hybrid"} {
		cg, _ := os.ReadFile("testdata/cgroup/" + fx + "/proc/self/cgroup")
		mi, _ := os.ReadFile("testdata/cgroup/" + fx + "/proc/self/mountinfo")
		f.Add(string(cg), string(mi), "536870912")
	}
	f.Add("0::/../..", "1 0 0:1 /x /sys/fs/cgroup rw - cgroup2 c rw", "max")
	f.Add("4:memory:", `1 0 0:1 \0 \ - cgroup c memory`, "-1")
	f.Fuzz(func(t *testing.T, cgroup, mountinfo, limit string) {
		tree := fstest.MapFS{
			"proc/self/cgroup":    {Data: []byte(cgroup)},
			"proc/self/mountinfo": {Data: []byte(mountinfo)},
		}
		for _, m := range parseMountinfo(mountinfo) {
			dir := strings.TrimPrefix(m.point, "/")
			if fs.ValidPath(dir) && dir != "." {
				tree[dir+"/memory.max"] = &fstest.MapFile{Data: []byte(limit)}
				tree[dir+"/memory.limit_in_bytes"] = &fstest.MapFile{Data: []byte(limit)}
			}
		}
		got, err := ReadCgroupLimit(tree, true)
		if err == nil && got.Bytes != 0 && got.Source == "" {
			t.Fatalf("a limit without a source: %+v", got)
		}
	})
}
