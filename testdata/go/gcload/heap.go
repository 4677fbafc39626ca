package main

import "sync"

// leaf is what pointer-holding objects point at: small heap objects the GC must mark.
type leaf struct{ n [2]int }

// heap is the live set: slots of pointer-holding objects ([]*leaf) and pointer-free ones
// ([]byte), each of the object size. A slot is replaced under its stripe's lock.
type heap struct {
	obj      int
	pointers float64
	leaves   []*leaf
	ptrSlots [][]*leaf
	rawSlots [][]byte
	locks    [64]sync.Mutex
}

func newHeap(live, obj int, pointers float64) *heap {
	h := &heap{obj: obj, pointers: pointers, leaves: make([]*leaf, 4096)}
	for i := range h.leaves {
		h.leaves[i] = &leaf{n: [2]int{i, i}}
	}
	n := live / obj
	nPtr := int(float64(n) * pointers)
	h.ptrSlots = make([][]*leaf, nPtr)
	h.rawSlots = make([][]byte, n-nPtr)
	for i := range h.ptrSlots {
		h.ptrSlots[i] = h.pointerObject(i)
	}
	for i := range h.rawSlots {
		h.rawSlots[i] = h.rawObject(i)
	}
	return h
}

// pointerObject is obj bytes of pointers, every one set (the GC scans and follows them).
func (h *heap) pointerObject(seed int) []*leaf {
	p := make([]*leaf, h.obj/8)
	for i := range p {
		p[i] = h.leaves[(seed+i)&4095]
	}
	return p
}

// rawObject is obj pointer-free bytes, one byte written per 512 so every page is charged.
func (h *heap) rawObject(seed int) []byte {
	b := make([]byte, h.obj)
	for i := 0; i < len(b); i += 512 {
		b[i] = byte(seed + i)
	}
	return b
}

// replace puts a fresh object of the kind into live slot i (mod the slots of that kind).
func (h *heap) replace(pointer bool, i int) {
	l := &h.locks[i&63]
	if pointer && len(h.ptrSlots) > 0 {
		o := h.pointerObject(i)
		l.Lock()
		h.ptrSlots[i%len(h.ptrSlots)] = o
		l.Unlock()
	} else if !pointer && len(h.rawSlots) > 0 {
		o := h.rawObject(i)
		l.Lock()
		h.rawSlots[i%len(h.rawSlots)] = o
		l.Unlock()
	}
}
