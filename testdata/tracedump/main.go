// tracedump is the oracle of gomemlens's execution-trace reader: it reads a Go execution
// trace (Go >= 1.22 format) with golang.org/x/exp/trace, Go's own reader, and prints
//
//   - with -events, every event in the reader's order: time, kind, goroutine, P, M and what
//     the kind carries (range name and scope, state transition with the old and new state as
//     numbers, metric name and value, label, sync number);
//   - then a summary: the GC mark phases, the stop-the-world ranges with their reason, and
//     the mark-assist ranges per goroutine, begin and end in the reader's nanoseconds.
//
// test/trace/go-trace-oracle.test.ts compares these lines with gomemlens's.
//
//	tracedump [-events] TRACE
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"golang.org/x/exp/trace"
)

func main() {
	events := flag.Bool("events", false, "print every event")
	flag.Parse()
	f, err := os.Open(flag.Arg(0))
	if err != nil {
		fail(err)
	}
	r, err := trace.NewReader(bufio.NewReaderSize(f, 1<<20))
	if err != nil {
		fail(err)
	}
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	defer w.Flush()
	s := newSummary()
	n := 0
	for {
		ev, err := r.ReadEvent()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			w.Flush()
			fail(err)
		}
		n++
		if *events {
			fmt.Fprintln(w, line(&ev))
		}
		s.add(&ev)
	}
	fmt.Fprintf(w, "events %d\n", n)
	s.print(w)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "tracedump:", err)
	os.Exit(1)
}

func line(ev *trace.Event) string {
	head := fmt.Sprintf("%d %s g=%d p=%d m=%d", ev.Time(), ev.Kind(), ev.Goroutine(), ev.Proc(), ev.Thread())
	switch ev.Kind() {
	case trace.EventSync:
		return fmt.Sprintf("%s n=%d", head, ev.Sync().N)
	case trace.EventMetric:
		m := ev.Metric()
		return fmt.Sprintf("%s %s=%d", head, m.Name, m.Value.Uint64())
	case trace.EventLabel:
		l := ev.Label()
		return fmt.Sprintf("%s %q %s", head, l.Label, l.Resource)
	case trace.EventRangeBegin, trace.EventRangeActive, trace.EventRangeEnd:
		r := ev.Range()
		return fmt.Sprintf("%s %q %s", head, r.Name, r.Scope)
	case trace.EventStateTransition:
		st := ev.StateTransition()
		if st.Resource.Kind == trace.ResourceGoroutine {
			from, to := st.Goroutine()
			return fmt.Sprintf("%s %s %d->%d", head, st.Resource, from, to)
		}
		from, to := st.Proc()
		return fmt.Sprintf("%s %s %d->%d", head, st.Resource, from, to)
	}
	return head
}

// summary pairs range begins (or actives) with their ends.
type summary struct {
	gcOpen  int64
	gcs     [][2]int64
	stwOpen map[trace.GoID]int64
	stwWhy  map[trace.GoID]string
	stws    []string
	assist  map[trace.GoID]int64
	assists []string
}

func newSummary() *summary {
	return &summary{gcOpen: -1, stwOpen: map[trace.GoID]int64{}, stwWhy: map[trace.GoID]string{}, assist: map[trace.GoID]int64{}}
}

func (s *summary) add(ev *trace.Event) {
	k := ev.Kind()
	if k != trace.EventRangeBegin && k != trace.EventRangeActive && k != trace.EventRangeEnd {
		return
	}
	r := ev.Range()
	t := int64(ev.Time())
	g := trace.NoGoroutine
	if r.Scope.Kind == trace.ResourceGoroutine {
		g = r.Scope.Goroutine()
	}
	switch {
	case r.Name == "GC concurrent mark phase" && k != trace.EventRangeEnd:
		s.gcOpen = t
	case r.Name == "GC concurrent mark phase":
		s.gcs = append(s.gcs, [2]int64{s.gcOpen, t})
		s.gcOpen = -1
	case r.Name == "GC mark assist" && k != trace.EventRangeEnd:
		s.assist[g] = t
	case r.Name == "GC mark assist":
		if b, ok := s.assist[g]; ok {
			s.assists = append(s.assists, fmt.Sprintf("assist %d %d %d", g, b, t))
			delete(s.assist, g)
		}
	case len(r.Name) > 14 && r.Name[:14] == "stop-the-world" && k != trace.EventRangeEnd:
		s.stwOpen[g] = t
		s.stwWhy[g] = r.Name
	case len(r.Name) > 14 && r.Name[:14] == "stop-the-world":
		if b, ok := s.stwOpen[g]; ok {
			s.stws = append(s.stws, fmt.Sprintf("stw %d %d %q", b, t, r.Name))
			delete(s.stwOpen, g)
		}
	}
}

func (s *summary) print(w io.Writer) {
	for _, gc := range s.gcs {
		fmt.Fprintf(w, "gc %d %d\n", gc[0], gc[1])
	}
	for _, l := range s.stws {
		fmt.Fprintln(w, l)
	}
	for _, l := range s.assists {
		fmt.Fprintln(w, l)
	}
}
