package emulator

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/acc-terraform/terraform-provider-campaign/internal/soap"
)

// The subset of XTK expressions the emulator evaluates in queryDef
// conditions: comparisons (=, !=, <>) between attributes (@name), string
// literals ('…' with \' and \\ escapes) and numbers, combined with and/or and
// parentheses. Anything else is refused with a fault rather than guessed.

type exprNode interface {
	eval(r record) bool
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
		start := p.pos + 1
		p.pos++
		for p.pos < len(p.src) && (unicode.IsLetter(p.src[p.pos]) || unicode.IsDigit(p.src[p.pos]) || p.src[p.pos] == '_' || p.src[p.pos] == '-') {
			p.pos++
		}
		if p.pos == start {
			return operand{}, fmt.Errorf("empty attribute name at offset %d", start)
		}
		return operand{attr: string(p.src[start:p.pos])}, nil
	case c == '\'':
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
	case unicode.IsDigit(c) || c == '-':
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
	default:
		return operand{}, fmt.Errorf("unsupported expression at offset %d: %q", p.pos, string(p.src[p.pos:]))
	}
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

// table returns the records a queryDef on schema reads, and the element
// name of a row. Caller holds e.mu.
func (e *Emulator) table(schema string) ([]record, string, bool) {
	switch schema {
	case "nms:extAccount":
		return e.store.accounts, "extAccount", true
	case "xtk:group":
		return e.store.groups, "group", true
	case "xtk:operatorGroup":
		return e.store.operatorGroupRows(), "operatorGroup", true
	case "xtk:package":
		var rows []record
		for _, id := range e.store.installedList() {
			ns, name := splitPackageID(id)
			rows = append(rows, record{"namespace": ns, "name": name, "label": e.packageLabel(id)})
		}
		return rows, "package", true
	}
	return nil, "", false
}

// executeQuery evaluates a queryDef on the emulated tables. Caller holds e.mu.
func (e *Emulator) executeQuery(q *soap.Element) (*soap.Element, error) {
	if q == nil || q.Name != "queryDef" {
		return nil, &queryError{"XSV-350023 The entity parameter must be a <queryDef> element."}
	}
	schema := q.AttrOr("schema", "")
	table, elemName, ok := e.table(schema)
	if !ok {
		return nil, &queryError{fmt.Sprintf("XSV-350017 Schema '%s' is not available on this instance (emulator: nms:extAccount, xtk:group, xtk:operatorGroup and xtk:package can be queried).", schema)}
	}
	var selected []string
	for _, n := range q.Child("select").ChildrenNamed("node") {
		a, ok := selectExpr(n.AttrOr("expr", ""))
		if !ok {
			return nil, &queryError{fmt.Sprintf("XTK-170006 Unable to parse expression '%s' (emulator: select nodes are plain attributes, [collection] or [link/@attribute]).", n.AttrOr("expr", ""))}
		}
		if (schema == "nms:extAccount" && e.cfg.Profile.lacks(a)) || (schema == "xtk:group" && a == "[right]" && e.cfg.Profile.GroupRightsElsewhere) {
			// Emulator text: no public source gives the fault of an unknown attribute.
			return nil, &queryError{fmt.Sprintf("XTK-170036 Unable to parse expression '%s': the node '%s' does not exist in schema '%s'.", n.AttrOr("expr", ""), strings.Trim(a, "[]"), schema)}
		}
		if schema == "nms:extAccount" && a == "clientSecret" && e.cfg.Profile.SecretHidden {
			continue // accessibleIf: the operator does not get the attribute at all
		}
		selected = append(selected, a)
	}
	var where exprNode
	for _, c := range q.Child("where").ChildrenNamed("condition") {
		n, err := parseCondition(c.AttrOr("expr", ""))
		if err != nil {
			return nil, &queryError{fmt.Sprintf("XTK-170006 Unable to parse expression '%s': %v", c.AttrOr("expr", ""), err)}
		}
		if where == nil {
			where = n
		} else {
			where = boolNode{and: !strings.EqualFold(c.AttrOr("boolOperator", "AND"), "OR"), left: where, right: n}
		}
	}
	var rows []record
	for _, r := range table {
		if where == nil || where.eval(r) {
			rows = append(rows, r)
		}
	}
	for _, n := range q.Child("orderBy").ChildrenNamed("node") {
		a, ok := attrOfExpr(n.AttrOr("expr", ""))
		if !ok {
			continue
		}
		desc := n.AttrOr("sortDesc", "false") == "true"
		sort.SliceStable(rows, func(i, j int) bool {
			if desc {
				return rows[i][a] > rows[j][a]
			}
			return rows[i][a] < rows[j][a]
		})
	}
	if start, err := strconv.Atoi(q.AttrOr("startLine", "0")); err == nil && start > 0 {
		rows = rows[min(start, len(rows)):]
	}
	if n, err := strconv.Atoi(q.AttrOr("lineCount", "0")); err == nil && n > 0 && n < len(rows) {
		rows = rows[:n]
	}
	project := func(r record) *soap.Element {
		el := soap.NewElement(elemName)
		for _, a := range selected {
			v, ok := r[a]
			switch link, attr, isLink := strings.Cut(a, "/@"); {
			case strings.HasPrefix(a, "["): // a collection: one child per value
				name := strings.Trim(a, "[]")
				for _, item := range splitList(r[name]) {
					el.Add(soap.NewElement(name, "name", item))
				}
			case isLink && ok:
				el.Add(soap.NewElement(link, attr, v))
			case ok:
				el.SetAttr(a, v)
			}
		}
		return el
	}
	switch op := q.AttrOr("operation", "select"); op {
	case "get", "getIfExists":
		if len(rows) == 0 {
			if op == "get" {
				return nil, &queryError{"XSV-350032 The requested record does not exist (operation 'get' of schema 'nms:extAccount')."}
			}
			return soap.NewElement(elemName), nil
		}
		return project(rows[0]), nil
	case "select":
		coll := soap.NewElement(elemName + "-collection")
		for _, r := range rows {
			coll.Add(project(r))
		}
		return coll, nil
	case "count":
		return soap.NewElement(elemName, "count", strconv.Itoa(len(rows))), nil
	default:
		return nil, &queryError{fmt.Sprintf("XSV-350024 Unknown query operation '%s'.", op)}
	}
}
