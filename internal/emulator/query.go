package emulator

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// The subset of XTK expressions the emulator evaluates in queryDef
// conditions: comparisons (=, !=, <>) between attributes (@name), string
// literals ('…' with \' and \\ escapes) and numbers, combined with and/or and
// parentheses. Anything else is refused with a fault rather than guessed.

type exprNode interface {
	eval(r record) bool
	// attributes are the attributes the expression reads.
	attributes() []string
}

type cmpNode struct {
	left, right operand
	negate      bool
}

type boolNode struct {
	and         bool
	left, right exprNode
}

type operand struct {
	attr    string // set for @attr
	literal string
}

func (o operand) value(r record) string {
	if o.attr != "" {
		return r[o.attr]
	}
	return o.literal
}

func (c cmpNode) eval(r record) bool { return (c.left.value(r) == c.right.value(r)) != c.negate }

func (c cmpNode) attributes() []string {
	var out []string
	for _, o := range []operand{c.left, c.right} {
		if o.attr != "" {
			out = append(out, o.attr)
		}
	}
	return out
}

func (b boolNode) attributes() []string { return append(b.left.attributes(), b.right.attributes()...) }

func (b boolNode) eval(r record) bool {
	if b.and {
		return b.left.eval(r) && b.right.eval(r)
	}
	return b.left.eval(r) || b.right.eval(r)
}

type exprParser struct {
	src []rune
	pos int
}

// parseCondition parses one condition expression.
func parseCondition(s string) (exprNode, error) {
	p := &exprParser{src: []rune(s)}
	n, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos != len(p.src) {
		return nil, fmt.Errorf("unexpected %q at offset %d", string(p.src[p.pos:]), p.pos)
	}
	return n, nil
}

func (p *exprParser) skipSpace() {
	for p.pos < len(p.src) && unicode.IsSpace(p.src[p.pos]) {
		p.pos++
	}
}

func (p *exprParser) keyword(kw string) bool {
	p.skipSpace()
	end := p.pos + len(kw)
	if end > len(p.src) || !strings.EqualFold(string(p.src[p.pos:end]), kw) {
		return false
	}
	if end < len(p.src) && (unicode.IsLetter(p.src[end]) || unicode.IsDigit(p.src[end])) {
		return false
	}
	p.pos = end
	return true
}

func (p *exprParser) parseOr() (exprNode, error) {
	left, err := p.parseAnd()
	for err == nil && p.keyword("or") {
		var right exprNode
		right, err = p.parseAnd()
		left = boolNode{and: false, left: left, right: right}
	}
	return left, err
}

func (p *exprParser) parseAnd() (exprNode, error) {
	left, err := p.parsePrimary()
	for err == nil && p.keyword("and") {
		var right exprNode
		right, err = p.parsePrimary()
		left = boolNode{and: true, left: left, right: right}
	}
	return left, err
}

func (p *exprParser) parsePrimary() (exprNode, error) {
	p.skipSpace()
	if p.pos < len(p.src) && p.src[p.pos] == '(' {
		p.pos++
		n, err := p.parseOr()
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		if p.pos >= len(p.src) || p.src[p.pos] != ')' {
			return nil, fmt.Errorf("missing ')'")
		}
		p.pos++
		return n, nil
	}
	left, err := p.parseOperand()
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	var negate bool
	switch {
	case p.hasPrefix("!="), p.hasPrefix("<>"):
		negate = true
		p.pos += 2
	case p.hasPrefix("="):
		p.pos++
	default:
		return nil, fmt.Errorf("expected a comparison operator at offset %d", p.pos)
	}
	right, err := p.parseOperand()
	if err != nil {
		return nil, err
	}
	return cmpNode{left: left, right: right, negate: negate}, nil
}

func (p *exprParser) hasPrefix(s string) bool {
	return strings.HasPrefix(string(p.src[p.pos:]), s)
}

func (p *exprParser) parseOperand() (operand, error) {
	p.skipSpace()
	if p.pos >= len(p.src) {
		return operand{}, fmt.Errorf("unexpected end of expression")
	}
	switch c := p.src[p.pos]; {
	case c == '@':
		return p.parseAttribute()
	case c == '\'':
		return p.parseString()
	case unicode.IsDigit(c) || c == '-':
		return p.parseNumber()
	default:
		return operand{}, fmt.Errorf("unsupported expression at offset %d: %q", p.pos, string(p.src[p.pos:]))
	}
}

// parseAttribute reads @name.
func (p *exprParser) parseAttribute() (operand, error) {
	start := p.pos + 1
	p.pos++
	for p.pos < len(p.src) && (unicode.IsLetter(p.src[p.pos]) || unicode.IsDigit(p.src[p.pos]) || p.src[p.pos] == '_' || p.src[p.pos] == '-') {
		p.pos++
	}
	if p.pos == start {
		return operand{}, fmt.Errorf("empty attribute name at offset %d", start)
	}
	return operand{attr: string(p.src[start:p.pos])}, nil
}

// parseString reads a quoted literal, backslash escapes included.
func (p *exprParser) parseString() (operand, error) {
	p.pos++
	var b strings.Builder
	for p.pos < len(p.src) {
		r := p.src[p.pos]
		switch {
		case r == '\\' && p.pos+1 < len(p.src):
			b.WriteRune(p.src[p.pos+1])
			p.pos += 2
		case r == '\'':
			p.pos++
			return operand{literal: b.String()}, nil
		default:
			b.WriteRune(r)
			p.pos++
		}
	}
	return operand{}, fmt.Errorf("unterminated string literal")
}

// parseNumber reads an integer literal.
func (p *exprParser) parseNumber() (operand, error) {
	start := p.pos
	p.pos++
	for p.pos < len(p.src) && unicode.IsDigit(p.src[p.pos]) {
		p.pos++
	}
	n, err := strconv.Atoi(string(p.src[start:p.pos]))
	if err != nil {
		return operand{}, fmt.Errorf("invalid number %q", string(p.src[start:p.pos]))
	}
	return operand{literal: strconv.Itoa(n)}, nil
}

// queryError is a queryDef the emulator refuses; its text becomes the fault detail.
type queryError struct{ msg string }

func (e *queryError) Error() string { return e.msg }

func attrOfExpr(expr string) (string, bool) {
	expr = strings.TrimSpace(expr)
	if !strings.HasPrefix(expr, "@") || len(expr) < 2 || strings.ContainsAny(expr, " ()'=[]/") {
		return "", false
	}
	return expr[1:], true
}

// selectExpr is a select node the emulator evaluates: a plain attribute
// (@name), a collection ([right]: its child elements) or an attribute
// through a link ([operator/@name]); key is the record key it reads.
func selectExpr(expr string) (key string, ok bool) {
	if a, ok := attrOfExpr(expr); ok {
		return a, true
	}
	expr = strings.TrimSpace(expr)
	if !strings.HasPrefix(expr, "[") || !strings.HasSuffix(expr, "]") {
		return "", false
	}
	inner := expr[1 : len(expr)-1]
	if link, attr, found := strings.Cut(inner, "/@"); found && link != "" && attr != "" && !strings.ContainsAny(link+attr, " ()'=[]/") {
		return inner, true
	}
	if inner != "" && !strings.ContainsAny(inner, " ()'=[]/@") {
		return "[" + inner + "]", true
	}
	return "", false
}
