module gomemlens.test/scenarios

go 1.22

require gomemlens.dev/agent v0.0.0

replace gomemlens.dev/agent => ../../agent
