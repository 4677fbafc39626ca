// Command libm prints, for pseudo-random arguments, the bits of Go's math.Exp, math.Log and
// math.Erfc on this machine, one "x exp(x) log(|x|) erfc(x)" line each (hex float64 bits), so
// tests can check that gomemlens computes these exactly as Go (and so benchstat) does.
package main

import (
	"fmt"
	"math"
	"math/rand"
)

func main() {
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		var x float64
		switch i % 4 {
		case 0:
			x = r.Float64()*40 - 20
		case 1:
			x = math.Exp(r.Float64()*60 - 30)
		case 2:
			x = -r.Float64() * 700
		default:
			x = r.NormFloat64() * 3
		}
		fmt.Printf("%x %x %x %x\n", math.Float64bits(x), math.Float64bits(math.Exp(x)),
			math.Float64bits(math.Log(math.Abs(x))), math.Float64bits(math.Erfc(x)))
	}
}
