package emulator

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/acc-terraform/terraform-provider-campaign/internal/soap"
)

// The emulator's model of operators (emulator-specific where Campaign's
// schema is not public, CAMPAIGN_API.md):
//
//   - xtk:operator, element <operator>: @id, @name (the login), @label,
//     @type (0, as Adobe's IMS-migration SQL selects operators), the
//     authentication type and "account disabled" on an <access> child
//     (@authenticationType is public, from Adobe's withdrawn sample;
//     @disabled is the emulator's name), and the operator's own named rights
//     as a <right name="…"/> collection, as for groups (where Campaign keeps
//     them is not public). Operators are created by their first Adobe ID
//     login or first API call (since v8.6 nobody creates them in the
//     console): a Write updates one, never creates it.
//   - xtk:operatorGroup: the operator-group link (public: SQL
//     XtkOperatorGroup, links operator and group), rows with @group-id,
//     @operator-id and the links [operator/@name] and [group/@name].
//   - Writing an account, a group or an operator, or installing a package,
//     needs the admin named right, the operator's own or a group's
//     (emulator's rule: Campaign's exact rule and fault text are not
//     public; ADMINISTRATION is what filtering-schemas names).

// Operator is an operator that exists at start, with its groups.
type Operator struct {
	Login  string
	Groups []string
}

// Authentication types of an operator.
const (
	AuthenticationNative = "native"
	AuthenticationIMS    = "ims"
)

// Query keys of the operator's <access> child.
const (
	keyAuthentication = "access/@authenticationType"
	keyDisabled       = "access/@disabled"
)

func xtkOperatorSchema(rights []string) string {
	var b strings.Builder
	b.WriteString(`<schema namespace="xtk" name="operator" label="Operators" labelSingular="Operator">` + "\n")
	b.WriteString(`<enumeration basetype="string" name="namedRight">` + "\n")
	for _, r := range rights {
		fmt.Fprintf(&b, `<value name="%s" label="%s"/>`+"\n", r, strings.ToUpper(r))
	}
	b.WriteString(`</enumeration>
<enumeration basetype="string" name="authenticationType">
<value name="native" label="Native"/>
<value name="ims" label="Adobe IMS"/>
</enumeration>
<element name="operator" label="Operators">
<key internal="true" name="name"><keyfield xpath="@name"/></key>
<attribute name="id" type="long"/>
<attribute name="name" type="string" length="64" label="Login"/>
<attribute name="label" type="string" length="128" label="Label"/>
<attribute name="type" type="byte" label="Type"/>
<element name="access" label="Access"><attribute name="authenticationType" type="string" enum="authenticationType" label="Authentication type"/><attribute name="disabled" type="boolean" label="Account disabled"/></element>
<element name="right" unbound="true" label="Named rights"><attribute name="name" enum="namedRight" label="Named right"/></element>
</element>
</schema>`)
	return b.String()
}

const xtkOperatorGroupSchema = `<schema namespace="xtk" name="operatorGroup" label="Operator/group link">
<element name="operatorGroup" label="Operator/group link">
<attribute name="group-id" type="long"/>
<attribute name="operator-id" type="long"/>
<element name="group" type="link" target="xtk:group"/>
<element name="operator" type="link" target="xtk:operator"/>
</element>
</schema>`

// operatorTable is xtk:operator: its schema, its rows ("right" holds the
// operator's own named rights, comma-separated) and its write.
func operatorTable() table {
	return table{
		schema: "xtk:operator", element: "operator",
		document: func(e *Emulator) string { return xtkOperatorSchema(e.cfg.NamedRights) },
		rows:     func(e *Emulator) []record { return e.store.operators },
		write:    (*Emulator).writeOperator,
	}
}

// operatorGroupTable is xtk:operatorGroup, the operator-group link: read only.
func operatorGroupTable() table {
	return table{
		schema: "xtk:operatorGroup", element: "operatorGroup",
		document: func(*Emulator) string { return xtkOperatorGroupSchema },
		rows:     func(e *Emulator) []record { return e.store.operatorGroupRows() },
	}
}

// operatorIndex finds an operator by login. Caller holds e.mu.
func (s *store) operatorIndex(login string) int {
	return slices.IndexFunc(s.operators, func(o record) bool { return o["name"] == login })
}

// ensureOperator returns the operator of login, created with that
// authentication type when missing. Caller holds e.mu.
func (s *store) ensureOperator(login, authentication string) record {
	if i := s.operatorIndex(login); i >= 0 {
		return s.operators[i]
	}
	s.nextID++
	op := record{"id": strconv.Itoa(s.nextID), "name": login, "label": login, "type": "0",
		keyAuthentication: authentication, keyDisabled: "0"}
	s.operators = append(s.operators, op)
	return op
}

// authenticationOf guesses the authentication of an operator made by
// configuration: an email is an Adobe ID, anything else a native login.
func authenticationOf(login string) string {
	if strings.Contains(login, "@") {
		return AuthenticationIMS
	}
	return AuthenticationNative
}

// addMember makes login (created if needed) a member of group. Caller holds e.mu.
func (s *store) addMember(group, login string) {
	s.ensureOperator(login, authenticationOf(login))
	if !slices.Contains(s.members[group], login) {
		s.members[group] = append(s.members[group], login)
		slices.Sort(s.members[group])
	}
}

// groupsOf lists the groups an operator is a member of, sorted. Caller holds e.mu.
func (s *store) groupsOf(login string) []string {
	var out []string
	for _, g := range s.groups {
		if slices.Contains(s.members[g["name"]], login) {
			out = append(out, g["name"])
		}
	}
	return out
}

// effectiveRights are an operator's own named rights and its groups'.
// Caller holds e.mu.
func (s *store) effectiveRights(login string) []string {
	var out []string
	if i := s.operatorIndex(login); i >= 0 {
		out = soap.SplitList(s.operators[i]["right"])
	}
	for _, g := range s.groupsOf(login) {
		out = append(out, soap.SplitList(s.groups[s.groupIndex(g)]["right"])...)
	}
	return slices.Compact(slices.Sorted(slices.Values(out)))
}

// operatorGroupRows is the operator-group link as query rows: a read,
// which changes nothing (every member is an operator: addMember and
// loadState keep it so). Caller holds e.mu.
func (s *store) operatorGroupRows() []record {
	var rows []record
	for _, g := range s.groups {
		for _, login := range s.members[g["name"]] {
			if i := s.operatorIndex(login); i >= 0 {
				rows = append(rows, record{"group-id": g["id"], "operator-id": s.operators[i]["id"], "operator/@name": login, "group/@name": g["name"]})
			}
		}
	}
	return rows
}

// writeOperator applies one Write of an <operator>: an update of an
// existing operator (its label, its own named rights, each with its
// _operation), never a creation. Caller holds e.mu.
func (e *Emulator) writeOperator(ent *soap.Element, rec record) (record, error) {
	s := e.store
	op := ent.AttrOr("_operation", "insertOrUpdate")
	i := s.operatorIndex(rec["name"])
	switch {
	case op == "delete":
		return nil, &writeError{"XSV-350021 Operators are deleted in the console only (emulator's rule)."}
	case i < 0 && op == "update":
		return nil, nil // "does nothing if the data does not exist"
	case i < 0:
		return nil, &writeError{fmt.Sprintf("XSV-350022 No operator '%s': operators are created at their first Adobe ID login or API call, "+
			"not by Write (emulator's rule: since v8.6 nobody creates them in the console).", rec["name"])}
	}
	o := s.operators[i]
	if label, ok := rec["label"]; ok {
		o["label"] = label
	}
	rights, err := e.writeRights(o["right"], ent, "xtk:operator")
	if err != nil {
		return nil, err
	}
	o["right"] = rights
	return o, nil
}

// mayWrite is the emulator's rule for writes: the admin named right.
// Caller holds e.mu.
func (e *Emulator) mayWrite(login string) bool {
	return slices.Contains(e.store.effectiveRights(login), "admin")
}

// missingRightFault is the emulator's refusal of a write for lack of the
// admin named right (the text is the emulator's).
func (e *Emulator) missingRightFault(method, login, what string) answer {
	return e.fault("SOAP-ENV:Server", executeFault("xtk:persist", method),
		fmt.Sprintf("XSV-350025 The operator '%s' does not have the 'admin' named right that %s needs (emulator's rule).", login, what))
}

// Operator returns a copy of the operator of login.
func (e *Emulator) Operator(login string) (map[string]string, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return copyOf(e.store.operators, e.store.operatorIndex(login))
}

// GroupsOfOperator lists the groups of an operator.
func (e *Emulator) GroupsOfOperator(login string) []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.store.groupsOf(login)
}

// SetOperatorRights sets an operator's own named rights out of band, as
// the console would.
func (e *Emulator) SetOperatorRights(login string, rights []string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	op := e.store.ensureOperator(login, authenticationOf(login))
	op["right"] = strings.Join(slices.Sorted(slices.Values(rights)), ",")
}

// AddMember makes an operator (created if needed) a member of a group, as
// the console or an earlier login would.
func (e *Emulator) AddMember(group, login string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.store.addMember(group, login)
}

// Members lists the logins of the operators of a group.
func (e *Emulator) Members(group string) []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Clone(e.store.members[group])
}
