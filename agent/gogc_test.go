package agent

import (
	"io"
	"log/slog"
	"runtime/debug"
	"testing"
	"time"
)

func window(share float64, live uint64, limit int64) gcWindow {
	return gcWindow{gcCPU: share * 10, totalCPU: 10, live: live, roots: 1 * mib, nonHeap: 10 * mib, limit: limit}
}

func TestDecideGOGCRaisesLowersAndHolds(t *testing.T) {
	cases := []struct {
		name   string
		cur    int
		w      gcWindow
		want   int
		action string
	}{
		{"above budget: raise x1.5", 100, window(0.20, 10*mib, noLimit), 150, ActionRaise},
		{"raise bounded by Max", 900, window(0.20, 10*mib, noLimit), 1000, ActionRaise},
		{"at Max: hold", 1000, window(0.20, 10*mib, noLimit), 1000, ActionHold},
		{"inside the band: hold", 300, window(0.07, 10*mib, noLimit), 300, ActionHold},
		{"above 80% of budget: raise", 300, window(0.085, 10*mib, noLimit), 450, ActionRaise},
		{"well under budget: lower x0.8", 300, window(0.01, 10*mib, noLimit), 240, ActionLower},
		{"never under Min", 110, window(0.01, 10*mib, noLimit), 100, ActionLower},
		{"at Min: hold", 100, window(0.01, 10*mib, noLimit), 100, ActionHold},
		{"no GC in window: hold", 300, gcWindow{live: 10 * mib, limit: noLimit}, 300, ActionHold},
		// limit 200 MiB: room = (200-10) x 0.95 = 180.5 MiB; cap = (180.5-50)/(51) x 100 = 255
		{"raise stops at the limit cap", 200, window(0.30, 50*mib, 200*mib), 255, ActionRaise},
		{"over the cap: one step toward it", 400, window(0.30, 50*mib, 200*mib), 320, ActionLower},
		{"just over the cap: to it", 300, window(0.30, 50*mib, 200*mib), 255, ActionLower},
		{"within 10% of the cap: hold", 275, window(0.30, 50*mib, 200*mib), 275, ActionHold},
		{"live heap fills the limit: step toward Min", 400, window(0.30, 190*mib, 200*mib), 320, ActionLower},
	}
	for _, c := range cases {
		d := decideGOGC(c.cur, 100, 1000, 0.10, 2, c.w)
		if d.next != c.want || d.action != c.action {
			t.Errorf("%s: got %d %s (%s), want %d %s", c.name, d.next, d.action, d.reason, c.want, c.action)
		}
	}
}

func TestDecideGOGCSmallStepIsAtLeastTen(t *testing.T) {
	if d := decideGOGC(12, 10, 1000, 0.10, 0, window(0.20, 10*mib, noLimit)); d.next != 22 {
		t.Fatalf("GOGC 12 raised to %d, want 22", d.next)
	}
}

// Hysteresis: a share that oscillates inside [0.4, 0.8] x budget never moves GOGC.
func TestDecideGOGCHysteresis(t *testing.T) {
	cur := 250
	for i, share := range []float64{0.06, 0.079, 0.041, 0.05, 0.07} {
		d := decideGOGC(cur, 100, 1000, 0.10, 0, window(share, 10*mib, noLimit))
		if d.next != cur {
			t.Fatalf("step %d (share %.3f): GOGC moved to %d", i, share, d.next)
		}
	}
}

// A low share lowers GOGC only after lowerAfter windows in a row.
func TestDecideGOGCLowersSlowly(t *testing.T) {
	for streak := 0; streak < lowerAfter-1; streak++ {
		if d := decideGOGC(300, 100, 1000, 0.10, streak, window(0.01, 10*mib, noLimit)); d.next != 300 || !d.low {
			t.Fatalf("streak %d: lowered to %d too early", streak, d.next)
		}
	}
	if d := decideGOGC(300, 100, 1000, 0.10, lowerAfter-1, window(0.01, 10*mib, noLimit)); d.next != 240 {
		t.Fatalf("after %d low windows: %d, want 240", lowerAfter, d.next)
	}
}

func TestGOGCControllerStepsTheRuntime(t *testing.T) {
	var set []int
	gogc := 100
	fake := func(n int) int { old := gogc; gogc = n; set = append(set, n); return old }
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	c := newGOGCController(GOGCOptions{Enabled: true, Budget: 1e-9, Window: time.Second}, fake, log)
	if gogc != 100 || c.state.InitialGOGC != 100 {
		t.Fatalf("probing GOGC must leave it as it was: %d", gogc)
	}
	churn(64 << 20) // make the GC run so the CPU classes move
	st := c.step(time.Now())
	if st.Steps != 1 || st.LastShare <= 0 || st.GOGC != 150 || gogc != 150 {
		t.Fatalf("with a near-zero budget the first window must raise GOGC: %+v", st)
	}
	c.restore()
	if gogc != 100 {
		t.Fatalf("restore left GOGC at %d", gogc)
	}
	off := newGOGCController(GOGCOptions{Enabled: true}, func(int) int { return -1 }, log)
	if off.state.Enabled || off.state.Disabled != "GOGC is off" {
		t.Fatalf("GOGC=off must disable the controller: %+v", off.state)
	}
}

var sink []byte

// churn allocates n bytes of garbage in 64 KiB pieces and forces a GC at the end.
func churn(n int) {
	for i := 0; i < n; i += 64 << 10 {
		sink = make([]byte, 64<<10)
	}
	debug.FreeOSMemory()
}
