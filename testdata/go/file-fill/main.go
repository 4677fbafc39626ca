// file-fill appends to a regular file on disk at a steady rate, like a service that writes a
// log or a spool to a disk-backed volume. The pages written stay in the page cache, charged to
// the memory cgroup, until the kernel reclaims them: usage climbs to the limit and stays there,
// the Go heap stays flat, and nothing is OOM-killed (mm/vmscan.c reclaims clean file pages;
// Documentation/admin-guide/cgroup-v1/memory.rst).
//
//	file-fill -dir /var/tmp/spool -rate 512KiB -every 100ms -max 1GiB
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"gomemlens.test/scenarios/internal/serve"
	"gomemlens.test/scenarios/internal/size"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "address for the HTTP endpoints")
	dir := flag.String("dir", "", "directory to write into, on a disk filesystem (required)")
	rate := flag.String("rate", "512KiB", "bytes written per tick (B, KiB, MiB)")
	every := flag.Duration("every", 100*time.Millisecond, "tick interval")
	maxSize := flag.String("max", "1GiB", "start again at the beginning of the file after this many bytes")
	flag.Parse()
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "-dir is required")
		os.Exit(2)
	}

	serve.Start(*listen)
	f, err := os.Create(filepath.Join(*dir, "file-fill.dat"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "create:", err)
		os.Exit(1)
	}
	// One buffer for every write: the heap does not grow, only the page cache does.
	chunk := make([]byte, size.MustParse(*rate))
	for i := range chunk {
		chunk[i] = byte(i)
	}
	limit, written := int64(size.MustParse(*maxSize)), int64(0)
	for range time.Tick(*every) {
		if written >= limit {
			_, err = f.Seek(0, io.SeekStart)
			written = 0
		}
		if err == nil {
			var n int
			n, err = f.Write(chunk)
			written += int64(n)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "write:", err)
			os.Exit(1)
		}
	}
}
