package gobench

import "testing"

var sink any

func BenchmarkEncode(b *testing.B) {
	r := Record{ID: 42, Name: "answer", Tags: []string{"alpha", "beta", "gamma", "delta"}}
	for i := 0; i < b.N; i++ {
		sink = Encode(r)
	}
}

func BenchmarkFill(b *testing.B) {
	for _, n := range []int{10, 100} {
		b.Run("n="+itoa(n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				sink = Fill(n)
			}
		})
	}
}

func BenchmarkSum(b *testing.B) {
	xs := make([]int, 1000)
	for i := range xs {
		xs[i] = i
	}
	for i := 0; i < b.N; i++ {
		sink = Sum(xs)
	}
}

func BenchmarkSplit(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink = Split("the quick brown fox jumps over the lazy dog")
	}
}

func itoa(n int) string {
	if n == 10 {
		return "10"
	}
	return "100"
}
