// modinfo-oracle parses module info texts with Go's own runtime/debug.ParseBuildInfo, as an
// oracle for gomemlens's parser: it reads a JSON array of texts on stdin and writes a JSON
// array with, for each, the parsed BuildInfo or {"error": "..."}.
package main

import (
	"encoding/json"
	"os"
	"runtime/debug"
)

type result struct {
	Info  *debug.BuildInfo `json:"info,omitempty"`
	Error string           `json:"error,omitempty"`
}

func main() {
	var texts []string
	if err := json.NewDecoder(os.Stdin).Decode(&texts); err != nil {
		os.Stderr.WriteString("modinfo-oracle: " + err.Error() + "\n")
		os.Exit(2)
	}
	out := make([]result, len(texts))
	for i, t := range texts {
		bi, err := debug.ParseBuildInfo(t)
		if err != nil {
			out[i].Error = err.Error()
		} else {
			out[i].Info = bi
		}
	}
	_ = json.NewEncoder(os.Stdout).Encode(out)
}
