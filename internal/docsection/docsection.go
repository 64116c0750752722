// Package docsection replaces the generated sections of the project's
// Markdown reports (between "<!-- BEGIN GENERATED name -->" and
// "<!-- END GENERATED name -->"). The tests check them through
// internal/testdoc; the benchmark writes its own.
package docsection

import (
	"bytes"
	"fmt"
)

func markers(section string) (begin, end []byte) {
	return []byte("<!-- BEGIN GENERATED " + section + " -->\n"), []byte("<!-- END GENERATED " + section + " -->")
}

// Replace returns doc with the body of section replaced by content.
func Replace(doc []byte, section, content string) ([]byte, error) {
	begin, end := markers(section)
	i := bytes.Index(doc, begin)
	j := bytes.Index(doc, end)
	if i < 0 || j < i {
		return nil, fmt.Errorf("no section %q (markers %q … %q)", section, bytes.TrimSpace(begin), end)
	}
	var out bytes.Buffer
	out.Write(doc[:i+len(begin)])
	out.WriteString(content)
	if content != "" && content[len(content)-1] != '\n' {
		out.WriteByte('\n')
	}
	out.Write(doc[j:])
	return out.Bytes(), nil
}
