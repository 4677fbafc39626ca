//go:build tools

// Package upstream pins the upstream Go modules whose own testdata and tools the tests use as
// oracles: benchstat (golang.org/x/perf) and google/pprof's profile fixtures. Nothing here is
// built into gomemlens; the imports only keep `go mod tidy` from dropping the requirements.
package upstream

import (
	_ "github.com/google/go-containerregistry/cmd/crane"
	_ "github.com/google/pprof/profile"
	_ "golang.org/x/perf/cmd/benchstat"
)
