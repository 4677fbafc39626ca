module gomemlens.test/gobench

go 1.22
