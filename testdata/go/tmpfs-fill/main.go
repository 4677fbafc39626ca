// tmpfs-fill writes files into a directory at a steady rate and never deletes them, like a
// service that spools data into an emptyDir with medium: Memory (a tmpfs). The bytes live in the
// tmpfs, not in the Go heap: the cgroup's memory.stat shmem grows while the heap stays flat.
// The kernel cannot reclaim tmpfs pages without swap, so in a memory cgroup it ends OOM-killed.
// It serves expvar, pprof and /metrics like a real service.
//
//	tmpfs-fill -dir /mnt/spool -rate 512KiB -every 100ms -file-size 4MiB
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"gomemlens.test/scenarios/internal/serve"
	"gomemlens.test/scenarios/internal/size"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "address for the HTTP endpoints")
	dir := flag.String("dir", "", "directory to write into, on a tmpfs (required)")
	rate := flag.String("rate", "512KiB", "bytes written per tick (B, KiB, MiB)")
	every := flag.Duration("every", 100*time.Millisecond, "tick interval")
	fileSize := flag.String("file-size", "4MiB", "bytes per file before the next one is started")
	flag.Parse()
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "-dir is required")
		os.Exit(2)
	}

	serve.Start(*listen)
	s := &spool{dir: *dir, fileSize: size.MustParse(*fileSize)}
	// One buffer for every write: the heap does not grow, only the tmpfs does.
	chunk := make([]byte, size.MustParse(*rate))
	for i := range chunk {
		chunk[i] = byte(i)
	}
	for range time.Tick(*every) {
		if err := s.write(chunk); err != nil {
			fmt.Fprintln(os.Stderr, "write:", err)
			os.Exit(1)
		}
	}
}

// spool appends to numbered files in dir, starting a new one every fileSize bytes.
type spool struct {
	dir      string
	fileSize int
	file     *os.File
	written  int
	files    int
}

func (s *spool) write(b []byte) error {
	if s.file == nil || s.written >= s.fileSize {
		if err := s.next(); err != nil {
			return err
		}
	}
	n, err := s.file.Write(b)
	s.written += n
	return err
}

func (s *spool) next() error {
	if s.file != nil {
		if err := s.file.Close(); err != nil {
			return err
		}
	}
	s.files++
	f, err := os.Create(filepath.Join(s.dir, fmt.Sprintf("spool-%06d.dat", s.files)))
	s.file, s.written = f, 0
	return err
}
