// Reads one plain YAML scalar per line on stdin and prints the JSON type that
// sigs.k8s.io/yaml (used by kubectl and Helm) gives `value: <scalar>`: string, bool, null,
// number, or err.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"

	"sigs.k8s.io/yaml"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		j, err := yaml.YAMLToJSON([]byte("value: " + in.Text()))
		var m map[string]any
		if err != nil || json.Unmarshal(j, &m) != nil {
			fmt.Fprintln(out, "err")
			continue
		}
		switch m["value"].(type) {
		case string:
			fmt.Fprintln(out, "string")
		case bool:
			fmt.Fprintln(out, "bool")
		case nil:
			fmt.Fprintln(out, "null")
		case float64:
			fmt.Fprintln(out, "number")
		default:
			fmt.Fprintln(out, "other")
		}
	}
}
