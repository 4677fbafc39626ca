module gomemlens.test/scenarios

go 1.22
