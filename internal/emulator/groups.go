package emulator

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

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
//   - xtk:operatorGroup: the operator-group link (public: SQL
//     XtkOperatorGroup, links operator and group), rows with @group-id,
//     @operator-id and the link [operator/@name] (the login).
//   - The simulated Adobe ID login (POST /emulator/ims-login) applies the
//     account's association mask to product-profile names as a Go regular
//     expression matched against the whole name, case-sensitive (Campaign's
//     flavour, anchoring and case handling are not public).

// OperatorGroup is a Campaign operator group of the emulator's configuration.
type OperatorGroup struct {
	Name        string
	Label       string
	NamedRights []string
}

// Operator is an operator that exists at start, with its groups.
type Operator struct {
	Login  string
	Groups []string
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

const xtkOperatorGroupSchema = `<schema namespace="xtk" name="operatorGroup" label="Operator/group link">
<element name="operatorGroup" label="Operator/group link">
<attribute name="group-id" type="long"/>
<attribute name="operator-id" type="long"/>
<element name="group" type="link" target="xtk:group"/>
<element name="operator" type="link" target="xtk:operator"/>
</element>
</schema>`

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

// operatorGroupTable is xtk:operatorGroup, the operator-group link: read only.
func operatorGroupTable() table {
	return table{
		schema: "xtk:operatorGroup", element: "operatorGroup",
		document: func(*Emulator) string { return xtkOperatorGroupSchema },
		rows:     func(e *Emulator) []record { return e.store.operatorGroupRows() },
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
		return nil, &writeError{fmt.Sprintf("PGS-220000 PostgreSQL error: ERROR:  duplicate key value violates unique constraint \"xtkoperator_name\" (name '%s')", rec["name"])}
	}
	g := s.groups[i]
	for k, v := range rec {
		if k != "id" {
			g[k] = v
		}
	}
	if !e.cfg.Profile.GroupRightsElsewhere { // Campaign ignores what its schema does not have
		rights := soap.SplitList(g["right"])
		for _, r := range ent.ChildrenNamed("right") {
			name := r.AttrOr("name", "")
			if !slices.Contains(e.cfg.NamedRights, name) {
				return nil, &writeError{fmt.Sprintf("XSV-350011 The value '%s' is not a named right of this instance (enumeration xtk:group:namedRight).", name)}
			}
			rights = slices.DeleteFunc(rights, func(x string) bool { return x == name })
			if r.AttrOr("_operation", "insertOrUpdate") != "delete" {
				rights = append(rights, name)
			}
		}
		slices.Sort(rights)
		g["right"] = strings.Join(rights, ",")
	}
	return g, nil
}

// operatorGroupRows is the operator-group link as query rows. Caller holds e.mu.
func (s *store) operatorGroupRows() []record {
	var rows []record
	for _, g := range s.groups {
		for _, login := range s.members[g["name"]] {
			rows = append(rows, record{"group-id": g["id"], "operator-id": s.operatorID(login), "operator/@name": login})
		}
	}
	return rows
}

// operatorID returns the @id of an operator, creating it on first use (an
// Adobe ID login creates the operator). Caller holds e.mu.
func (s *store) operatorID(login string) string {
	if id, ok := s.operators[login]; ok {
		return id
	}
	s.nextID++
	s.operators[login] = strconv.Itoa(s.nextID)
	return s.operators[login]
}

// addMember makes login a member of group. Caller holds e.mu.
func (s *store) addMember(group, login string) {
	s.operatorID(login)
	if !slices.Contains(s.members[group], login) {
		s.members[group] = append(s.members[group], login)
		slices.Sort(s.members[group])
	}
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

// IMSLogin is the answer of a simulated Adobe ID login.
type IMSLogin struct {
	Login       string   `json:"login"`
	Groups      []string `json:"groups"`
	NamedRights []string `json:"named_rights"`
}

// errNoMatchingRight is Campaign's message when no product profile maps to
// an operator group (IMS troubleshooting guide).
const errNoMatchingRight = "Login does not have any right matching the expression"

// SimulateIMSLogin does what Campaign does when an operator logs in with
// an Adobe ID whose product profiles are profiles (see the model above): the
// mask of the Adobe Experience Cloud account maps each profile to the group
// its capture names; each existing group gets the operator (created on first
// login). No profile mapping to an existing group is an error with
// Campaign's message.
func (e *Emulator) SimulateIMSLogin(login string, profiles []string) (IMSLogin, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	mask := ""
	for _, a := range e.store.accounts {
		if a["type"] == strconv.Itoa(e.cfg.AccountType) && a["imsRightsMask"] != "" {
			mask = a["imsRightsMask"]
			break
		}
	}
	re, err := regexp.Compile("^(?:" + mask + ")$")
	if mask == "" || err != nil || re.NumSubexp() < 1 {
		return IMSLogin{}, fmt.Errorf("%s (no Adobe Experience Cloud account with a usable association mask)", errNoMatchingRight)
	}
	out := IMSLogin{Login: login, Groups: []string{}, NamedRights: []string{}}
	for _, p := range profiles {
		m := re.FindStringSubmatch(p)
		if m == nil {
			continue
		}
		if i := e.store.groupIndex(m[1]); i >= 0 && !slices.Contains(out.Groups, m[1]) {
			out.Groups = append(out.Groups, m[1])
			out.NamedRights = append(out.NamedRights, soap.SplitList(e.store.groups[i]["right"])...)
		}
	}
	if len(out.Groups) == 0 {
		return IMSLogin{}, fmt.Errorf("%s", errNoMatchingRight)
	}
	for _, g := range out.Groups {
		e.store.addMember(g, login)
	}
	slices.Sort(out.Groups)
	out.NamedRights = slices.Compact(slices.Sorted(slices.Values(out.NamedRights)))
	return out, e.store.save()
}

// serveIMSLogin: POST /emulator/ims-login {"login": …, "profiles": […]}.
func (e *Emulator) serveIMSLogin(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Login    string   `json:"login"`
		Profiles []string `json:"profiles"`
	}
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&in); err != nil || in.Login == "" {
		w.WriteHeader(http.StatusBadRequest)
		_ = json.NewEncoder(w).Encode(map[string]string{"error": `expected {"login": "…", "profiles": ["…"]}`})
		return
	}
	if in.Profiles == nil && e.cfg.AdobeURL != "" {
		profiles, err := e.adobeProfiles(r.Context(), in.Login)
		if err != nil {
			w.WriteHeader(http.StatusBadGateway)
			_ = json.NewEncoder(w).Encode(map[string]string{"error": "the Adobe emulator did not say the user's product profiles: " + err.Error()})
			return
		}
		in.Profiles = profiles
	}
	out, err := e.SimulateIMSLogin(in.Login, in.Profiles)
	if err != nil {
		w.WriteHeader(http.StatusForbidden)
		_ = json.NewEncoder(w).Encode(map[string]string{"error": errNoMatchingRight})
		return
	}
	_ = json.NewEncoder(w).Encode(out)
}

// adobeProfiles asks the Adobe emulator which product profiles a user
// holds (what IMS tells Campaign at a real Adobe ID login).
func (e *Emulator) adobeProfiles(ctx context.Context, login string) ([]string, error) {
	tlsCfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if len(e.cfg.AdobeCAPEM) > 0 {
		pool := x509.NewCertPool()
		pool.AppendCertsFromPEM(e.cfg.AdobeCAPEM)
		tlsCfg.RootCAs = pool
	}
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: tlsCfg}}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet,
		strings.TrimRight(e.cfg.AdobeURL, "/")+"/emulator/user-profiles?login="+url.QueryEscape(login), nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var out struct {
		Profiles []string `json:"profiles"`
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s answered %s", e.cfg.AdobeURL, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, err
	}
	return out.Profiles, nil
}
