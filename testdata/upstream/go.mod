module gomemlens.dev/testdata/upstream

go 1.25.0

require (
	github.com/google/pprof v0.0.0-20260709232956-b9395ee17fa0
	golang.org/x/perf v0.0.0-20260709024250-82a0b07e230d
)

require github.com/aclements/go-moremath v0.0.0-20210112150236-f10218a38794 // indirect
