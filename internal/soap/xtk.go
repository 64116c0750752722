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
