// Command yaml11_go reads what Go's YAML readers make of strings, for
// lib/model/yaml11_test.ts: gopkg.in/yaml.v2 v2.4.0 (YAML 1.1 typing; the
// goyaml.v2 that sigs.k8s.io/yaml v1.4.0 carries has the same resolve.go) and
// sigs.k8s.io/yaml v1.4.0's YAMLToJSON, as Helm, Argo CD and kustomize read
// values and manifests.
//
// Each input line is a JSON object {"s": a string, "doc": Hydrate's YAML of a
// mapping from s to s}; each output line is a JSON object: "typed", whether
// yaml.v2 reads the plain scalar s (as the value of a mapping, read back as
// the same text) as anything but a string, a timestamp included; and "json",
// what sigs.k8s.io/yaml makes of doc, or "error: ..." if it fails.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"time"

	yamlv2 "gopkg.in/yaml.v2"
	sigsyaml "sigs.k8s.io/yaml"
)

type input struct {
	S   string `json:"s"`
	Doc string `json:"doc"`
}

type output struct {
	Typed bool   `json:"typed"`
	JSON  string `json:"json"`
}

// typed tells whether yaml.v2 reads the plain scalar s as anything but the string s.
func typed(s string) bool {
	doc := []byte("v: " + s + "\n")
	var text map[string]string
	if yamlv2.Unmarshal(doc, &text) != nil || text["v"] != s {
		return false // s is no plain scalar: YAML syntax, not a type, changes it
	}
	var value map[string]interface{}
	if yamlv2.Unmarshal(doc, &value) != nil {
		return false
	}
	if _, isString := value["v"].(string); !isString {
		return true
	}
	// yaml.v2 hands a timestamp to an interface{} as its text: ask for a time.
	var stamp struct{ V time.Time }
	return yamlv2.Unmarshal(doc, &stamp) == nil
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<24)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		var line input
		if err := json.Unmarshal(in.Bytes(), &line); err != nil {
			fmt.Fprintln(os.Stderr, "yaml11_go: bad input line:", err)
			os.Exit(1)
		}
		result := output{Typed: typed(line.S)}
		if converted, err := sigsyaml.YAMLToJSON([]byte(line.Doc)); err != nil {
			result.JSON = "error: " + err.Error()
		} else {
			result.JSON = string(converted)
		}
		encoded, _ := json.Marshal(result)
		out.Write(encoded)
		out.WriteString("\n")
	}
}
