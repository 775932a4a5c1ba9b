package readme

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

var marker = regexp.MustCompile(`^<!-- example: (\S+) (\S+) -->$`)

// Snippet is one marked block of the README.
type Snippet struct {
	File, Func string
	// Got is the block as the README has it; Want is the example's body.
	Got, Want string
}

// Snippets reads the README at root/README.md and returns its marked
// blocks with the bodies of the examples they name.
func Snippets(root string) ([]Snippet, error) {
	b, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		return nil, err
	}
	lines := strings.Split(string(b), "\n")
	var out []Snippet
	for i := 0; i < len(lines); i++ {
		m := marker.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		if i+1 >= len(lines) || lines[i+1] != "```go" {
			return nil, fmt.Errorf("README.md:%d: marker not followed by a ```go block", i+1)
		}
		end := i + 2
		for end < len(lines) && lines[end] != "```" {
			end++
		}
		if end == len(lines) {
			return nil, fmt.Errorf("README.md:%d: unterminated block", i+2)
		}
		want, err := body(filepath.Join(root, m[1]), m[2])
		if err != nil {
			return nil, fmt.Errorf("README.md:%d: %w", i+1, err)
		}
		out = append(out, Snippet{File: m[1], Func: m[2], Got: strings.Join(lines[i+2:end], "\n"), Want: want})
		i = end
	}
	return out, nil
}

// body returns the source of function name's body in file, dedented.
func body(file, name string) (string, error) {
	src, err := os.ReadFile(file)
	if err != nil {
		return "", err
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, src, parser.ParseComments)
	if err != nil {
		return "", err
	}
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Name.Name != name || fn.Body == nil {
			continue
		}
		start := fset.Position(fn.Body.Lbrace).Offset + 1
		end := fset.Position(fn.Body.Rbrace).Offset
		text := strings.Trim(string(src[start:end]), "\n")
		var b bytes.Buffer
		for i, l := range strings.Split(text, "\n") {
			if i > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(strings.TrimPrefix(l, "\t"))
		}
		return b.String(), nil
	}
	return "", fmt.Errorf("%s: no function %s", file, name)
}

// Rewrite replaces every marked block of root/README.md with its example.
func Rewrite(root string) error {
	path := filepath.Join(root, "README.md")
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	lines := strings.Split(string(b), "\n")
	var out []string
	for i := 0; i < len(lines); i++ {
		out = append(out, lines[i])
		m := marker.FindStringSubmatch(lines[i])
		if m == nil || i+1 >= len(lines) || lines[i+1] != "```go" {
			continue
		}
		end := i + 2
		for end < len(lines) && lines[end] != "```" {
			end++
		}
		want, err := body(filepath.Join(root, m[1]), m[2])
		if err != nil {
			return err
		}
		out = append(out, "```go", want)
		i = end - 1
	}
	return os.WriteFile(path, []byte(strings.Join(out, "\n")), 0o644)
}
