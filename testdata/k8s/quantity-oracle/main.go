// Reads quantities (one per line) on stdin and prints, per line, what
// k8s.io/apimachinery's resource.ParseQuantity makes of it: "ok VALUE MILLI" or "err".
package main

import (
	"bufio"
	"fmt"
	"os"

	"k8s.io/apimachinery/pkg/api/resource"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		q, err := resource.ParseQuantity(in.Text())
		if err != nil {
			fmt.Fprintln(out, "err")
			continue
		}
		fmt.Fprintf(out, "ok %d %d\n", q.Value(), q.MilliValue())
	}
}
