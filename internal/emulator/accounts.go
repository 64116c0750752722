package emulator

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/acc-terraform/terraform-provider-campaign/internal/soap"
)

// nms:extAccount, the external accounts: the Adobe Experience Cloud one and
// the others a build has. Its schema, rows, query columns and write are in
// accountTable; what tests and the console do out of band, below.

func accountTable() table {
	return table{
		schema: "nms:extAccount", element: "extAccount",
		document: func(e *Emulator) string { return extAccountSchema(e.cfg.AccountType, e.cfg.Profile) },
		rows:     func(e *Emulator) []record { return e.store.accounts },
		// accessibleIf: the operator does not get the attribute at all.
		hidden: func(e *Emulator, node string) bool { return node == "clientSecret" && e.cfg.Profile.SecretHidden },
		write: func(e *Emulator, ent *soap.Element, rec record) (record, error) {
			for _, a := range e.cfg.Profile.MissingAccountAttributes {
				delete(rec, a) // Campaign ignores what its schema does not have
			}
			return e.store.writeAccount(ent.AttrOr("_operation", "insertOrUpdate"), writeKeys(ent, rec), rec)
		},
	}
}

// extAccountSchema renders nms:extAccount with its type enumeration (the
// Adobe Experience Cloud value is the emulator's configured one, labelled as
// the profile says) and the attributes of the profile's build.
func extAccountSchema(accountType int, p Profile) string {
	var b strings.Builder
	for _, line := range strings.Split(fmt.Sprintf(`<schema namespace="nms" name="extAccount" label="External accounts" labelSingular="External account">
<enumeration basetype="byte" default="delivery" name="type">
<value label="Bounce mails (POP3)" name="bounces" value="0"/>
<value label="Routing" name="delivery" value="3"/>
<value label="External database" name="externalDb" value="7"/>
<value label="Hadoop distributed file system" name="hdfs" value="17"/>
<value label="%s" name="mac" value="%d"/>
</enumeration>
<enumeration basetype="byte" default="none" name="encryptionType">
<value label="None" name="none" value="0"/>
<value label="SSL" name="ssl" value="1"/>
</enumeration>
<element name="extAccount" autopk="true" label="External accounts">
<key internal="true" name="name"><keyfield xpath="@name"/></key>
<attribute name="id" type="long"/>
<attribute name="name" type="string" length="64" label="Internal name"/>
<attribute name="label" type="string" length="128" label="Label"/>
<attribute name="type" type="byte" enum="type" label="Type"/>
<attribute name="active" type="boolean" label="Enabled"/>
<attribute name="imsServer" type="string" label="IMS server"/>
<attribute name="userScope" type="string" label="IMS scope"/>
<attribute name="clientId" type="string" label="IMS client identifier"/>
<attribute name="clientSecret" type="string" label="IMS client secret"/>
<attribute name="callbackServer" type="string" label="Callback server"/>
<attribute name="imsOrgId" type="string" label="IMS organization ID"/>
<attribute name="imsRightsMask" type="string" label="Association mask"/>
<attribute name="productContext" type="string" label="Product context"/>
<attribute name="server" type="string" label="Server"/>
<attribute name="tenant" type="string" label="Tenant"/>
<attribute name="account" type="string" label="Account"/>
<attribute name="password" type="string" label="Password"/>
</element>
</schema>`, p.AccountTypeLabel, accountType), "\n") {
		if name, ok := strings.CutPrefix(line, `<attribute name="`); ok && p.lacks(name[:strings.Index(name, `"`)]) {
			continue
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

// find returns the index of the account whose key attributes equal those of doc.
func (s *store) find(keys []string, doc record) int {
	for i, r := range s.accounts {
		match := len(keys) > 0
		for _, k := range keys {
			if r[k] != doc[k] {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return -1
}

// writeAccount applies one Write of an nms:extAccount document and returns
// the account as stored (nil after a delete or an update of nothing). The
// caller saves the store.
func (s *store) writeAccount(operation string, keys []string, doc record) (record, error) {
	for k, v := range doc {
		if secretAttributes[k] && v != "" && !strings.HasPrefix(v, "@") {
			doc[k] = s.encrypt(v)
		}
	}
	idx := -1
	if operation != "insert" {
		idx = s.find(keys, doc)
	}
	switch operation {
	case "delete":
		if idx >= 0 {
			s.accounts = append(s.accounts[:idx], s.accounts[idx+1:]...)
		}
		return nil, nil
	case "update", "insertOrUpdate", "insert":
		if idx >= 0 {
			for k, v := range doc {
				if k != "id" {
					s.accounts[idx][k] = v
				}
			}
			return s.accounts[idx], nil
		}
		if operation == "update" {
			return nil, nil // "does nothing if the data does not exist"
		}
		if doc["name"] == "" {
			return nil, &writeError{"PGS-220000 PostgreSQL error: ERROR:  null value in column \"sname\" violates not-null constraint. Impossible to save document of type 'External accounts (nms:extAccount)'"}
		}
		if s.find([]string{"name"}, doc) >= 0 {
			return nil, &writeError{fmt.Sprintf("PGS-220000 PostgreSQL error: ERROR:  duplicate key value violates unique constraint \"nmsextaccount_name\". Impossible to save document of type 'External accounts (nms:extAccount)' (name '%s')", doc["name"])}
		}
		s.nextID++
		doc["id"] = strconv.Itoa(s.nextID)
		s.accounts = append(s.accounts, doc)
		return doc, nil
	}
	return nil, &writeError{fmt.Sprintf("XSV-350122 Unknown operation '%s'.", operation)}
}

// Account returns a copy of the stored account with that internal name.
func (e *Emulator) Account(name string) (map[string]string, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return copyOf(e.store.accounts, e.store.find([]string{"name"}, record{"name": name}))
}

// AccountNames lists the internal names of all stored accounts, in storage
// order; a name listed twice would be a duplicate.
func (e *Emulator) AccountNames() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return namesOf(e.store.accounts)
}

// PutAccount creates or updates an account by internal name, as a change made
// in the Campaign console would (plaintext secrets are encrypted).
func (e *Emulator) PutAccount(attrs map[string]string) error {
	doc := record{}
	for k, v := range attrs {
		doc[k] = v
	}
	return e.changeAccount("insertOrUpdate", doc)
}

// DeleteAccount removes an account by internal name, out of band.
func (e *Emulator) DeleteAccount(name string) error {
	return e.changeAccount("delete", record{"name": name})
}

// changeAccount is a change made outside the SOAP API: the write by
// internal name, then the store saved.
func (e *Emulator) changeAccount(operation string, doc record) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, err := e.store.writeAccount(operation, []string{"name"}, doc); err != nil {
		return err
	}
	return e.store.save()
}

// RevealSecret decrypts a stored secret attribute (tests only need it).
func (e *Emulator) RevealSecret(name, attr string) (string, error) {
	acc, ok := e.Account(name)
	if !ok {
		return "", fmt.Errorf("no account %q", name)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.store.decrypt(acc[attr])
}
