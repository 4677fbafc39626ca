package main

import "time"

// plan says how many bytes each tick leaks, and in how many buffers.
type plan struct {
	rate       int           // bytes per buffer once the leak runs
	burst      int           // leak burst buffers every burst ticks (1: one every tick)
	halveAfter time.Duration // the rate is rate x halveAfter/(halveAfter+t); 0: constant
	warmup     int           // bytes a cache takes during the warm-up, before the leak
	warmupFor  time.Duration
	every      time.Duration
}

// buffers returns the sizes of the buffers that tick number `tick` (from 1) keeps at `elapsed`.
func (p *plan) buffers(tick int, elapsed time.Duration) []int {
	if p.warmup > 0 && elapsed < p.warmupFor {
		return repeat(1, int(int64(p.warmup)*int64(p.every)/int64(p.warmupFor)))
	}
	if tick%p.burst != 0 {
		return nil
	}
	n := p.rate
	if n == 0 {
		return nil
	}
	if since := elapsed - p.warmupOffset(); p.halveAfter > 0 && since > 0 {
		n = int(float64(n) * float64(p.halveAfter) / float64(p.halveAfter+since))
	}
	return repeat(p.burst, n)
}

func (p *plan) warmupOffset() time.Duration {
	if p.warmup > 0 {
		return p.warmupFor
	}
	return 0
}

func repeat(count, n int) []int {
	out := make([]int, count)
	for i := range out {
		out[i] = n
	}
	return out
}
