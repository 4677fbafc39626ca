// Package gobench holds small, stdlib-only benchmarks whose allocations are deterministic, so
// tests can run `go test -bench -benchmem` for real and compare two runs: built normally (the
// baseline) or with -tags regress (join allocates per element: an allocation regression).
package gobench

import (
	"strconv"
	"strings"
)

// Record is a small struct the benchmarks encode.
type Record struct {
	ID   int
	Name string
	Tags []string
}

// Encode writes a record as "id:name:tag,tag" using join.
func Encode(r Record) string {
	return strconv.Itoa(r.ID) + ":" + r.Name + ":" + join(r.Tags, ",")
}

// Fill makes n records.
func Fill(n int) []Record {
	out := make([]Record, n)
	for i := range out {
		out[i] = Record{ID: i, Name: "record-" + strconv.Itoa(i), Tags: []string{"a", "bb", "ccc"}}
	}
	return out
}

// Sum adds numbers without allocating.
func Sum(xs []int) int {
	total := 0
	for _, x := range xs {
		total += x
	}
	return total
}

// Split cuts a line into fields (allocates the result slice).
func Split(line string) []string {
	return strings.Fields(line)
}
