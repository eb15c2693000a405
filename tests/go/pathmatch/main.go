// Command pathmatch answers Go's path.Match for the tests of lib/model/path_match.ts
// (tests/bounded_path_match_test.ts): each line of standard input is a JSON array
// [pattern, name]; each line of standard output is the JSON object
// {"match": bool, "bad": bool}, bad when path.Match returns path.ErrBadPattern.
// Test-only: the render never runs Go.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
)

type answer struct {
	Match bool `json:"match"`
	Bad   bool `json:"bad"`
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<26)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		var pair [2]string
		if err := json.Unmarshal(in.Bytes(), &pair); err != nil {
			fmt.Fprintln(os.Stderr, "pathmatch: not a [pattern, name] pair:", err)
			os.Exit(2)
		}
		matched, err := path.Match(pair[0], pair[1])
		if err != nil && !errors.Is(err, path.ErrBadPattern) {
			fmt.Fprintln(os.Stderr, "pathmatch: unexpected error:", err)
			os.Exit(2)
		}
		line, _ := json.Marshal(answer{Match: matched, Bad: err != nil})
		out.Write(append(line, '\n'))
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "pathmatch:", err)
		os.Exit(2)
	}
}
