package emulator

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/acc-terraform/terraform-provider-campaign/internal/soap"
)

// The emulator's model of operator groups, operators and named rights. The
// group schema is not public (CAMPAIGN_API.md): what follows is one model,
// emulator-specific, that a client must verify on an instance, not assume.
//
//   - xtk:group, element <group>: @id, @name (Internal name), @label (Label),
//     @desc (Description), and the group's named rights as a collection of
//     <right name="…"/> children whose @name takes the values of the
//     namedRight enumeration of the schema (the rights the instance defines).
//     A Write carries each <right> with its _operation (insertOrUpdate or
//     delete); a read selects them with the node [right].
//   - Operators (xtk:operator), their memberships (xtk:operatorGroup) and
//     what a login does: operators.go and login.go.

// OperatorGroup is a Campaign operator group of the emulator's configuration.
type OperatorGroup struct {
	Name        string
	Label       string
	NamedRights []string
}

// DefaultOperatorGroups are the built-in groups of Campaign v8 (public:
// "Default product profiles and operator groups"), with named rights of the
// emulator's choosing (the built-in rights of each group are not public).
func DefaultOperatorGroups() []OperatorGroup {
	return []OperatorGroup{
		{"admin", "Administrator", []string{"admin"}},
		{"central", "Central management", []string{"centralLocal"}},
		{"content", "Content managers", []string{"editContent"}},
		{"delivery", "Delivery operators", []string{"prepareDelivery", "startDelivery"}},
		{"local", "Local management", []string{"centralLocal"}},
		{"offer", "Offer managers", []string{"offerManagement"}},
		{"operation", "Campaign managers", []string{"createProject", "editProject"}},
		{"report", "Report users", []string{"report"}},
		{"workflow", "Workflow execution", []string{"workflow"}},
		{"workflowSupervisor", "Workflow supervisors", []string{"workflow"}},
	}
}

// DefaultNamedRights are the named rights the emulator defines (admin and
// operatorWrite are public names; the others are emulator choices).
func DefaultNamedRights() []string {
	return []string{"admin", "centralLocal", "createProject", "editContent", "editProject", "exportFile", "importFile",
		"offerManagement", "operatorWrite", "prepareDelivery", "report", "sql", "startDelivery", "workflow"}
}

// groupSchema renders xtk:group as this emulator models it; a profile whose
// named rights live elsewhere has no <right> collection.
func groupSchema(rights []string, p Profile) string {
	var b strings.Builder
	b.WriteString(`<schema namespace="xtk" name="group" label="Operator groups" labelSingular="Operator group">` + "\n")
	b.WriteString(`<enumeration basetype="string" name="namedRight">` + "\n")
	for _, r := range rights {
		fmt.Fprintf(&b, `<value name="%s" label="%s"/>`+"\n", r, strings.ToUpper(r))
	}
	b.WriteString("</enumeration>\n")
	b.WriteString(`<element name="group" label="Operator groups">
<key internal="true" name="name"><keyfield xpath="@name"/></key>
<attribute name="id" type="long"/>
<attribute name="name" type="string" length="64" label="Internal name"/>
<attribute name="label" type="string" length="128" label="Label"/>
<attribute name="desc" type="memo" label="Description"/>
`)
	if p.GroupRightsElsewhere {
		b.WriteString(`<element name="rightsProfile" label="Rights profile"><attribute name="profile" type="string"/></element>` + "\n")
	} else {
		b.WriteString(`<element name="right" unbound="true" label="Named rights"><attribute name="name" enum="namedRight" label="Named right"/></element>` + "\n")
	}
	b.WriteString("</element>\n</schema>")
	return b.String()
}

// groupIndex finds a group by internal name. Caller holds e.mu.
func (s *store) groupIndex(name string) int {
	return slices.IndexFunc(s.groups, func(g record) bool { return g["name"] == name })
}

// groupTable is xtk:group: its schema (the named rights of the instance as
// an enumeration, or none on a build that keeps them elsewhere), its rows
// ("right" holds the named rights, comma-separated) and its write.
func groupTable() table {
	return table{
		schema: "xtk:group", element: "group",
		document: func(e *Emulator) string { return groupSchema(e.cfg.NamedRights, e.cfg.Profile) },
		rows:     func(e *Emulator) []record { return e.store.groups },
		write:    (*Emulator).writeGroup,
	}
}

// writeGroup applies one Write of a <group> and returns the group as
// stored (nil after a delete or an update of nothing). Caller holds e.mu.
func (e *Emulator) writeGroup(ent *soap.Element, rec record) (record, error) {
	s := e.store
	op := ent.AttrOr("_operation", "insertOrUpdate")
	i := s.groupIndex(rec["name"])
	if op == "delete" {
		if i >= 0 {
			delete(s.members, s.groups[i]["name"])
			s.groups = slices.Delete(s.groups, i, i+1)
		}
		return nil, nil
	}
	if rec["name"] == "" {
		return nil, &writeError{"PGS-220000 PostgreSQL error: ERROR:  null value in column \"sname\" violates not-null constraint. Impossible to save document of type 'Operator groups (xtk:group)'"}
	}
	if i < 0 {
		if op == "update" {
			return nil, nil
		}
		s.nextID++
		s.groups = append(s.groups, record{"id": strconv.Itoa(s.nextID), "name": rec["name"]})
		i = len(s.groups) - 1
	} else if op == "insert" {
		// Groups are rows of XtkOperator (a database creation log creates no
		// XtkGroup table: CAMPAIGN_API.md), hence the operators' constraint.
		return nil, &writeError{fmt.Sprintf("PGS-220000 PostgreSQL error: ERROR:  duplicate key value violates unique constraint \"xtkoperator_name\" (name '%s')", rec["name"])}
	}
	g := s.groups[i]
	for k, v := range rec {
		if k != "id" {
			g[k] = v
		}
	}
	if !e.cfg.Profile.GroupRightsElsewhere { // Campaign ignores what its schema does not have
		rights, err := e.writeRights(g["right"], ent, "xtk:group")
		if err != nil {
			return nil, err
		}
		g["right"] = rights
	}
	return g, nil
}

// writeRights applies the <right name="…"/> children of a Write, each
// with its _operation, to a record's named rights (comma-separated): a
// group's, or an operator's own. Each must be a named right of the
// instance (the schema's namedRight enumeration).
func (e *Emulator) writeRights(current string, ent *soap.Element, schema string) (string, error) {
	rights := soap.SplitList(current)
	for _, r := range ent.ChildrenNamed("right") {
		name := r.AttrOr("name", "")
		if !slices.Contains(e.cfg.NamedRights, name) {
			return "", &writeError{fmt.Sprintf("XSV-350011 The value '%s' is not a named right of this instance (enumeration %s:namedRight).", name, schema)}
		}
		rights = slices.DeleteFunc(rights, func(x string) bool { return x == name })
		if r.AttrOr("_operation", "insertOrUpdate") != "delete" {
			rights = append(rights, name)
		}
	}
	slices.Sort(rights)
	return strings.Join(rights, ","), nil
}

// Group returns a copy of the stored group with that internal name; its
// named rights are NamedRights(…).
func (e *Emulator) Group(name string) (map[string]string, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return copyOf(e.store.groups, e.store.groupIndex(name))
}

// GroupNames lists the internal names of the stored groups, in storage order.
func (e *Emulator) GroupNames() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return namesOf(e.store.groups)
}

// PutGroup creates or updates a group out of band, as the console would.
func (e *Emulator) PutGroup(g OperatorGroup) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.store.putGroup(g)
}

func (s *store) putGroup(g OperatorGroup) {
	i := s.groupIndex(g.Name)
	if i < 0 {
		s.nextID++
		s.groups = append(s.groups, record{"id": strconv.Itoa(s.nextID), "name": g.Name})
		i = len(s.groups) - 1
	}
	rights := slices.Sorted(slices.Values(g.NamedRights))
	s.groups[i]["label"], s.groups[i]["right"] = g.Label, strings.Join(rights, ",")
}

// DeleteGroup removes a group out of band.
func (e *Emulator) DeleteGroup(name string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if i := e.store.groupIndex(name); i >= 0 {
		delete(e.store.members, name)
		e.store.groups = slices.Delete(e.store.groups, i, i+1)
	}
}
