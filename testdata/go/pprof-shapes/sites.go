// Code generated for the pprof tests: many small allocation sites, one function each.

package main

//go:noinline
func site00(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 16))
	}
}

//go:noinline
func site01(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 40))
	}
}

//go:noinline
func site02(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 64))
	}
}

//go:noinline
func site03(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 88))
	}
}

//go:noinline
func site04(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 112))
	}
}

//go:noinline
func site05(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 136))
	}
}

//go:noinline
func site06(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 160))
	}
}

//go:noinline
func site07(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 184))
	}
}

//go:noinline
func site08(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 208))
	}
}

//go:noinline
func site09(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 232))
	}
}

//go:noinline
func site10(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 256))
	}
}

//go:noinline
func site11(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 280))
	}
}

//go:noinline
func site12(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 304))
	}
}

//go:noinline
func site13(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 328))
	}
}

//go:noinline
func site14(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 352))
	}
}

//go:noinline
func site15(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 376))
	}
}

//go:noinline
func site16(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 400))
	}
}

//go:noinline
func site17(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 424))
	}
}

//go:noinline
func site18(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 448))
	}
}

//go:noinline
func site19(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 472))
	}
}

//go:noinline
func site20(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 496))
	}
}

//go:noinline
func site21(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 520))
	}
}

//go:noinline
func site22(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 544))
	}
}

//go:noinline
func site23(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 568))
	}
}

//go:noinline
func site24(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 592))
	}
}

//go:noinline
func site25(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 616))
	}
}

//go:noinline
func site26(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 640))
	}
}

//go:noinline
func site27(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 664))
	}
}

//go:noinline
func site28(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 688))
	}
}

//go:noinline
func site29(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 712))
	}
}

//go:noinline
func site30(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 736))
	}
}

//go:noinline
func site31(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 760))
	}
}

//go:noinline
func site32(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 784))
	}
}

//go:noinline
func site33(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 808))
	}
}

//go:noinline
func site34(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 832))
	}
}

//go:noinline
func site35(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 856))
	}
}

//go:noinline
func site36(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 880))
	}
}

//go:noinline
func site37(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 904))
	}
}

//go:noinline
func site38(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 928))
	}
}

//go:noinline
func site39(k int) {
	for j := 0; j < k; j++ {
		sink = append(sink, make([]byte, 952))
	}
}

// manySites calls every site a different number of times so their sizes differ.
func manySites(scale int) {
	site00(scale * 1)
	site01(scale * 8)
	site02(scale * 2)
	site03(scale * 9)
	site04(scale * 3)
	site05(scale * 10)
	site06(scale * 4)
	site07(scale * 11)
	site08(scale * 5)
	site09(scale * 12)
	site10(scale * 6)
	site11(scale * 13)
	site12(scale * 7)
	site13(scale * 1)
	site14(scale * 8)
	site15(scale * 2)
	site16(scale * 9)
	site17(scale * 3)
	site18(scale * 10)
	site19(scale * 4)
	site20(scale * 11)
	site21(scale * 5)
	site22(scale * 12)
	site23(scale * 6)
	site24(scale * 13)
	site25(scale * 7)
	site26(scale * 1)
	site27(scale * 8)
	site28(scale * 2)
	site29(scale * 9)
	site30(scale * 3)
	site31(scale * 10)
	site32(scale * 4)
	site33(scale * 11)
	site34(scale * 5)
	site35(scale * 12)
	site36(scale * 6)
	site37(scale * 13)
	site38(scale * 7)
	site39(scale * 1)
}
