package main

import "time"

// maxBacklog bounds the catch-up of a goroutine that fell behind (a stalled host): at most
// this long of allocation is made up at once.
const maxBacklog = time.Second

// worker allocates rate bytes per second of objects that die at once, paced by the clock:
// every tick it allocates what the time elapsed since start asks for, so a goroutine that
// was not scheduled catches up and the rate holds under CPU contention.
type worker struct {
	h     *heap
	id    int
	rate  float64 // bytes per second
	churn float64
	tick  time.Duration
	sink  [16][]*leaf
	raw   [16][]byte
	n     int
}

// run holds depth frames on the stack (scanned by the GC as a root) and then allocates.
func (w *worker) run(depth int) {
	var frame [8]*leaf // pointers on the stack: real stacks hold some
	for i := range frame {
		frame[i] = w.h.leaves[(w.id+i)&4095]
	}
	if depth > 0 {
		w.run(depth - 1)
	}
	w.loop()
	_ = frame
}

func (w *worker) loop() {
	start := time.Now()
	done := 0.0
	for {
		time.Sleep(w.tick)
		due := w.rate * time.Since(start).Seconds()
		if floor := due - w.rate*maxBacklog.Seconds(); done < floor {
			done = floor // too far behind: give up the excess, keep the pace from now
		}
		for done < due {
			w.allocate()
			done += float64(w.h.obj)
		}
	}
}

// allocate makes one object of the kind the pointer share says (a deterministic sequence),
// keeps it briefly in a small ring (so it escapes), and sometimes replaces a live object.
func (w *worker) allocate() {
	w.n++
	pointer := float64(w.n%100) < w.h.pointers*100
	if w.churn > 0 && float64((w.n*7919)%10000) < w.churn*10000 {
		w.h.replace(pointer, w.n*31+w.id)
		return
	}
	if pointer {
		w.sink[w.n&15] = w.h.pointerObject(w.n)
	} else {
		w.raw[w.n&15] = w.h.rawObject(w.n)
	}
}
