module gomemlens.dev/agent

go 1.21
