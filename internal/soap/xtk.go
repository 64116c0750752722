package soap

import "strings"

// QuoteXtk renders s as an XTK expression string literal: single quotes, with
// backslashes and quotes escaped, the way the official SDK's escapeXtk does.
// The literal is later carried inside an XML attribute, whose own escaping the
// encoder handles, so user input can change neither the expression nor the document.
func QuoteXtk(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('\'')
	for _, r := range s {
		switch r {
		case '\\', '\'':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('\'')
	return b.String()
}

// SplitList splits a comma-separated list, the form in which Campaign keeps
// a list in one attribute (an account's IMS scopes) and in which the
// emulators' flags take lists: items trimmed, empty ones dropped.
func SplitList(v string) []string {
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
