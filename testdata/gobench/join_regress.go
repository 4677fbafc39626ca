//go:build regress

package gobench

// join concatenates piece by piece: one allocation per step (the regression under test).
func join(parts []string, sep string) string {
	out := ""
	for i, p := range parts {
		if i > 0 {
			out += sep
		}
		out += p
	}
	return out
}
