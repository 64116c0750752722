package emulator

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/acc-terraform/terraform-provider-campaign/internal/soap"
)

// table is one schema of the emulated instance, in one place (the file of
// its schema): the document GetEntityIfMoreRecent answers, the rows a
// queryDef reads, the select nodes the operator may not read, and the write
// of its documents. A new schema is one table, listed in tables; a new
// query column is a key of its rows.
type table struct {
	schema  string // "nms:extAccount"
	element string // the element of a row, and of a Write document: "extAccount"
	// document is the schema's XML.
	document func(e *Emulator) string
	// rows are the records a queryDef reads; nil: not queried.
	rows func(e *Emulator) []record
	// hidden: a select node the operator does not get (left out, as
	// accessibleIf does). Nil: none. A node the schema does not define
	// fails the query (columnsOf).
	hidden func(e *Emulator, node string) bool
	// write applies one Write document and returns the record as stored
	// (nil after a delete); nil: not written. The caller saves the store.
	write func(e *Emulator, ent *soap.Element, rec record) (record, error)
	// columns are what the schema defines, for queries: New reads them
	// from the document once (columnsOf).
	columns columns
}

// tables are the schemas of the emulated instance; New indexes them once.
func tables() []table {
	fixed := func(schema, doc string) table {
		return table{schema: schema, document: func(*Emulator) string { return doc }}
	}
	return []table{
		fixed("xtk:session", xtkSessionSchema), fixed("xtk:queryDef", xtkQueryDefSchema), fixed("xtk:builder", xtkBuilderSchema),
		accountTable(), groupTable(), operatorTable(), operatorGroupTable(), packageTable(),
	}
}

// tableOf finds the table of a schema.
func (e *Emulator) tableOf(schema string) (table, bool) {
	t, ok := e.tables[schema]
	return t, ok
}

// schemaDocument returns the schema for a GetEntityIfMoreRecent primary key
// ("xtk:schema|nms:extAccount"), or nil.
func (e *Emulator) schemaDocument(pk string) *soap.Element {
	name, ok := strings.CutPrefix(pk, "xtk:schema|")
	t, found := e.tableOf(name)
	if !ok || !found || t.document == nil {
		return nil
	}
	el, err := soap.ParseString(t.document(e))
	if err != nil {
		panic("emulator schema does not parse: " + err.Error()) // a bug in the schema constants
	}
	el.SetAttr("xtkschema", "xtk:schema") // as real schema documents carry it
	return el
}

// columns are what a table's schema defines: the attributes of its
// element, and its child elements (collections and links), read from its
// document, so that a build variant whose schema lacks one lacks it in
// queries too.
type columns struct {
	label           string // "External accounts (nms:extAccount)"
	attrs, elements map[string]bool
}

func (e *Emulator) columnsOf(t table) columns {
	c := columns{label: t.schema, attrs: map[string]bool{}, elements: map[string]bool{}}
	doc := e.schemaDocument("xtk:schema|" + t.schema)
	if doc == nil {
		return c
	}
	c.label = doc.AttrOr("label", t.schema) + " (" + t.schema + ")"
	for _, el := range doc.ChildrenNamed("element") {
		if el.AttrOr("name", "") != t.element {
			continue
		}
		for _, a := range el.ChildrenNamed("attribute") {
			c.attrs[a.AttrOr("name", "")] = true
		}
		for _, child := range el.ChildrenNamed("element") {
			c.elements[child.AttrOr("name", "")] = true
		}
	}
	return c
}

// unknown is the query error of a node the schema does not define: a real
// XTK engine faults (XTK-170036), never answers an empty result.
func (c columns) unknown(node, expr string) error {
	what := "Attribute"
	if !strings.HasPrefix(node, "@") {
		what = "Element"
	}
	return &queryError{fmt.Sprintf("%s '%s' unknown (see definition of schema '%s'). XTK-170036 Unable to parse expression '%s'.",
		what, strings.Trim(strings.TrimPrefix(node, "@"), "[]"), c.label, expr)}
}

// has reports whether the schema defines a query key: an attribute, a
// collection "[x]", or an attribute through a link "link/@attr".
func (c columns) has(key string) bool {
	if inner, ok := strings.CutPrefix(key, "["); ok {
		return c.elements[strings.TrimSuffix(inner, "]")]
	}
	if link, _, ok := strings.Cut(key, "/@"); ok {
		return c.elements[link]
	}
	return c.attrs[key]
}

// entityRecord extracts the storable attributes of a Write document.
func entityRecord(el *soap.Element) record {
	r := record{}
	for _, a := range el.Attrs {
		if a.Space != "" || a.Name == "xtkschema" || strings.HasPrefix(a.Name, "_") {
			continue
		}
		r[a.Name] = a.Value
	}
	return r
}

// writeKeys are the attributes a Write document is keyed by: its _key, else
// @id when it has one, else @name.
func writeKeys(el *soap.Element, doc record) []string {
	if k, ok := el.Attr("_key"); ok {
		var keys []string
		for _, part := range strings.Split(k, ",") {
			part = strings.Trim(strings.TrimSpace(part), "[]")
			keys = append(keys, strings.TrimPrefix(part, "@"))
		}
		return keys
	}
	if doc["id"] != "" {
		return []string{"id"}
	}
	return []string{"name"}
}

// writeEntities is xtk:persist#Write and WriteCollection: each entity is
// written by the table of its schema, by an operator who may write
// (mayWrite).
func (e *Emulator) writeEntities(call *soapCall, login string) answer {
	doc := call.req.XML(1)
	if doc == nil {
		return e.fault("SOAP-ENV:Client", readParamsFault(call.service, call.method), "The document to write is missing.")
	}
	entities := []*soap.Element{doc}
	schema := doc.AttrOr("xtkschema", "")
	if strings.HasSuffix(doc.Name, "-collection") {
		entities = doc.Children
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.mayWrite(login) {
		return e.missingRightFault(call.method, login, "writing '"+schema+"'")
	}
	for _, ent := range entities {
		s := ent.AttrOr("xtkschema", schema)
		if s == "" {
			return e.fault("SOAP-ENV:Client", executeFault(call.service, call.method), "XSV-350018 The document has no 'xtkschema' attribute.")
		}
		t, ok := e.tableOf(s)
		if !ok || t.write == nil || ent.Name != t.element {
			return e.fault("SOAP-ENV:Client", executeFault(call.service, call.method),
				fmt.Sprintf("XSV-350017 Schema '%s' is not available on this instance (emulator: nms:extAccount, xtk:group and xtk:operator can be written).", s))
		}
		if err := e.writeEntity(t, ent, call.fault); err != nil {
			return e.fault("SOAP-ENV:Server", executeFault("xtk:persist", call.method), err.Error())
		}
	}
	return e.ok(call)
}

// writeEntity is every write of an entity, whatever the method: the
// table's write, then the fault that alters what is stored (the one place
// FaultWriteAlters applies), then the store saved. Caller holds e.mu.
func (e *Emulator) writeEntity(t table, ent *soap.Element, fault *FaultRule) error {
	stored, err := t.write(e, ent, entityRecord(ent))
	if err != nil {
		return err
	}
	if fault != nil && fault.Kind == FaultWriteAlters && stored != nil {
		if fault.Value == "" {
			delete(stored, fault.Attribute)
		} else {
			stored[fault.Attribute] = fault.Value
		}
	}
	return e.store.save()
}

// executeQuery evaluates a queryDef on the emulated tables, in Campaign's
// order: the schema, the select nodes, the where conditions, the order and
// the page, then the answer of the operation. Caller holds e.mu.
func (e *Emulator) executeQuery(q *soap.Element) (*soap.Element, error) {
	if q == nil || q.Name != "queryDef" {
		return nil, &queryError{"XSV-350023 The entity parameter must be a <queryDef> element."}
	}
	schema := q.AttrOr("schema", "")
	t, ok := e.tableOf(schema)
	if !ok || t.rows == nil {
		return nil, &queryError{fmt.Sprintf("XSV-350017 Schema '%s' is not available on this instance (emulator: nms:extAccount, xtk:group, xtk:operator, xtk:operatorGroup and xtk:package can be queried).", schema)}
	}
	selected, err := e.selectNodes(t, q)
	if err != nil {
		return nil, err
	}
	where, err := whereOf(q, t.columns)
	if err != nil {
		return nil, err
	}
	var rows []record
	for _, r := range t.rows(e) {
		if where == nil || where.eval(r) {
			rows = append(rows, r)
		}
	}
	return answerQuery(q, t, orderAndPage(q, rows), selected)
}

// selectNodes are the select nodes of q that the table answers.
func (e *Emulator) selectNodes(t table, q *soap.Element) ([]string, error) {
	var selected []string
	for _, n := range q.Child("select").ChildrenNamed("node") {
		expr := n.AttrOr("expr", "")
		a, ok := selectExpr(expr)
		switch {
		case !ok:
			return nil, &queryError{fmt.Sprintf("XTK-170006 Unable to parse expression '%s' (emulator: select nodes are plain attributes, [collection] or [link/@attribute]).", expr)}
		case !t.columns.has(a):
			return nil, t.columns.unknown(strings.TrimSpace(expr), expr)
		case t.hidden != nil && t.hidden(e, a):
			continue
		}
		selected = append(selected, a)
	}
	return selected, nil
}

// whereOf is the where clause of q (nil: every row); an attribute the
// schema does not define fails it.
func whereOf(q *soap.Element, cols columns) (exprNode, error) {
	var where exprNode
	for _, c := range q.Child("where").ChildrenNamed("condition") {
		expr := c.AttrOr("expr", "")
		n, err := parseCondition(expr)
		if err != nil {
			return nil, &queryError{fmt.Sprintf("XTK-170006 Unable to parse expression '%s': %v", expr, err)}
		}
		for _, a := range n.attributes() {
			if !cols.has(a) {
				return nil, cols.unknown("@"+a, expr)
			}
		}
		if where == nil {
			where = n
		} else {
			where = boolNode{and: !strings.EqualFold(c.AttrOr("boolOperator", "AND"), "OR"), left: where, right: n}
		}
	}
	return where, nil
}

// orderAndPage sorts rows by the orderBy nodes of q, then keeps the page of
// startLine and lineCount.
func orderAndPage(q *soap.Element, rows []record) []record {
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
	return rows
}

// project is one answered row: the selected nodes of r, a collection as
// one child per value, a link attribute as a child element.
func project(element string, selected []string, r record) *soap.Element {
	el := soap.NewElement(element)
	for _, a := range selected {
		v, ok := r[a]
		switch link, attr, isLink := strings.Cut(a, "/@"); {
		case strings.HasPrefix(a, "["):
			name := strings.Trim(a, "[]")
			for _, item := range soap.SplitList(r[name]) {
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

// answerQuery is the answer of the query's operation.
func answerQuery(q *soap.Element, t table, rows []record, selected []string) (*soap.Element, error) {
	switch op := q.AttrOr("operation", "select"); op {
	case "get", "getIfExists":
		if len(rows) > 0 {
			return project(t.element, selected, rows[0]), nil
		}
		if op == "get" {
			return nil, &queryError{fmt.Sprintf("XSV-350032 The requested record does not exist (operation 'get' of schema '%s').", t.schema)}
		}
		return soap.NewElement(t.element), nil
	case "select":
		coll := soap.NewElement(t.element + "-collection")
		for _, r := range rows {
			coll.Add(project(t.element, selected, r))
		}
		return coll, nil
	case "count":
		return soap.NewElement(t.element, "count", strconv.Itoa(len(rows))), nil
	default:
		return nil, &queryError{fmt.Sprintf("XSV-350024 Unknown query operation '%s'.", op)}
	}
}
