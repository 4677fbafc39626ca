// Package size parses the byte sizes the scenario programs take as flags: "512KiB", "2MiB",
// "1GiB", "100B" or a plain number of bytes.
package size

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

// MustParse returns the byte count of s, or exits with status 2 on a malformed size.
func MustParse(s string) int {
	mult := 1
	units := []struct {
		suffix string
		mult   int
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"B", 1}}
	for _, u := range units {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSuffix(s, u.suffix), u.mult
			break
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bad size:", s)
		os.Exit(2)
	}
	return n * mult
}
