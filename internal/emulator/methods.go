package emulator

import (
	"fmt"
	"strings"
	"time"

	"github.com/acc-terraform/terraform-provider-campaign/internal/soap"
)

// Fault texts, from public sources where they have them (CAMPAIGN_API.md).
const (
	faultSessionExpired = "XSV-350008 Session has expired or is invalid. Please reconnect."
	detailBearerInvalid = "XSV-350114 Unknown error during '/ims/profile/v1' IMS call, HTTP response code is 401"
	detailBadLogon      = "Invalid login or password. Connection denied."
)

func readParamsFault(service, method string) string {
	return fmt.Sprintf("SOP-330007 Error while reading parameters of method '%s' of service '%s'.", method, service)
}

func executeFault(service, method string) string {
	return fmt.Sprintf("SOP-330011 Error while executing the method '%s' of service '%s'.", method, service)
}

// dispatchKey folds the spellings of interface methods: the WSDL's
// "xtk:persist#Write" and the SDK's "xtk:persist|xtk:session#Write".
func dispatchKey(service, method string) string {
	if strings.HasPrefix(service, "xtk:persist|") {
		service = "xtk:persist"
	}
	return service + "#" + method
}

func (e *Emulator) dispatch(call *soapCall) answer {
	key := dispatchKey(call.service, call.method)
	switch key {
	case ActionLogon:
		return e.logon(call)
	case "xtk:session#BearerTokenLogon":
		return e.bearerTokenLogon(call)
	}
	handle := e.method(key)
	if handle == nil && e.cfg.Profile.RouterChecksMethodFirst {
		return e.unknownMethod(call)
	}
	creds := credentialsOf(call)
	res, login := e.auth.check(creds)
	switch {
	case res == authSessionInvalid && e.cfg.Profile.RouterChecksMethodFirst:
		return e.fault("SOAP-ENV:Client", readParamsFault(call.service, call.method), faultSessionExpired)
	case res == authSessionInvalid:
		return e.fault("SOAP-ENV:Client", faultSessionExpired, "")
	case res == authBearerInvalid:
		return e.fault("SOAP-ENV:Client", readParamsFault(call.service, call.method), detailBearerInvalid)
	}
	if handle == nil {
		return e.unknownMethod(call)
	}
	return handle(call, creds, login)
}

// methodHandler answers an authenticated call.
type methodHandler func(call *soapCall, creds credentials, login string) answer

// method returns the handler of a method (its dispatch key), or nil when
// the router does not know it: the one list of the methods the emulator serves.
func (e *Emulator) method(key string) methodHandler {
	switch key {
	case ActionLogoff:
		return func(call *soapCall, creds credentials, _ string) answer {
			e.auth.logoff(creds.session)
			return e.ok(call)
		}
	case ActionGetUserInfo:
		return func(call *soapCall, _ credentials, login string) answer {
			e.mu.Lock()
			defer e.mu.Unlock()
			return e.ok(call, soap.ElementParam("pUserInfo", e.userInfo(login, !e.cfg.Profile.UserInfoWithoutPackages)))
		}
	case ActionEncryptPassword:
		return func(call *soapCall, _ credentials, _ string) answer {
			e.mu.Lock()
			defer e.mu.Unlock()
			return e.ok(call, soap.String("pstrEncrypted", e.store.encrypt(call.req.Text(1))))
		}
	case "xtk:session#GetOption":
		return func(call *soapCall, _ credentials, _ string) answer {
			return e.ok(call, soap.String("pstrValue", ""), soap.Param{Name: "pbtType", Type: soap.TypeByte, Value: "0"})
		}
	case "xtk:session#GetServerTime":
		return func(call *soapCall, _ credentials, _ string) answer {
			return e.ok(call, soap.Param{Name: "ptmServerTime", Type: "xsd:dateTime", Value: time.Now().UTC().Format(time.RFC3339)})
		}
	case ActionWrite, "xtk:persist#WriteCollection":
		return func(call *soapCall, _ credentials, _ string) answer { return e.writeEntities(call) }
	case "xtk:session#Write", "xtk:session#WriteCollection":
		// Campaign only runs Write as an xtk:persist interface method.
		return func(call *soapCall, _ credentials, _ string) answer {
			return e.fault("SOAP-ENV:Client", executeFault(call.service, call.method),
				fmt.Sprintf("SOP-330024 Unspecified function library ('library' attribute) for JavaScript SOAP call '%s' in schema '%s'.", call.method, call.service))
		}
	case ActionGetEntityIfMoreRecent, "xtk:session#GetEntityIfMoreRecent":
		return func(call *soapCall, _ credentials, _ string) answer {
			doc := e.schemaDocument(call.req.Text(1))
			if doc == nil && strings.TrimSpace(call.req.Text(3)) == "true" {
				return e.fault("SOAP-ENV:Client", executeFault(call.service, call.method),
					fmt.Sprintf("XSV-350017 Entity '%s' does not exist.", call.req.Text(1)))
			}
			return e.ok(call, soap.Document("pdomDoc", doc))
		}
	case ActionExecuteQuery:
		return func(call *soapCall, _ credentials, _ string) answer {
			e.mu.Lock()
			out, err := e.executeQuery(call.req.XML(1))
			e.mu.Unlock()
			if err != nil {
				return e.fault("SOAP-ENV:Client", executeFault(call.service, call.method), err.Error())
			}
			return e.ok(call, soap.Document("pdomOutput", out))
		}
	case ActionInstallVendorPackages, "xtk:builder#InstallPackage":
		return func(call *soapCall, _ credentials, _ string) answer {
			return e.installPackages(call, key == "xtk:builder#InstallPackage")
		}
	}
	return nil
}

func (e *Emulator) unknownMethod(call *soapCall) answer {
	return e.fault("SOAP-ENV:Client",
		fmt.Sprintf("SOP-330006 The method '%s' is not defined in SOAP service '%s'.", call.method, call.service), "")
}

func (e *Emulator) logon(call *soapCall) answer {
	login, password := call.req.Text(1), call.req.Text(2)
	sessionToken, securityToken, outcome := e.auth.logon(login, password)
	switch outcome {
	case logonRejected:
		e.countLogonFailure()
		if status := e.cfg.Profile.LogonRefusedStatus; status != 0 {
			return answer{status, marshalFault(soap.NewFault("SOAP-ENV:Client", "XSV-350012 Invalid login or password", ""))}
		}
		return e.fault("SOAP-ENV:Client", readParamsFault(call.service, call.method), detailBadLogon)
	case logonLocked:
		e.countLogonFailure()
		return e.fault("SOAP-ENV:Client", readParamsFault(call.service, call.method),
			fmt.Sprintf("XSV-350036 Too many failed connection attempts: login '%s' is blocked for %s.", login, e.cfg.BanDuration))
	}
	return e.sessionAnswer(call, login, sessionToken, securityToken)
}

func (e *Emulator) bearerTokenLogon(call *soapCall) answer {
	sessionToken, securityToken, ok := e.auth.bearerLogon(strings.TrimSpace(call.req.Text(1)))
	if !ok {
		e.countLogonFailure()
		return e.fault("SOAP-ENV:Client", readParamsFault(call.service, call.method), detailBearerInvalid)
	}
	return e.sessionAnswer(call, "ims-user", sessionToken, securityToken)
}

func (e *Emulator) sessionAnswer(call *soapCall, login, sessionToken, securityToken string) answer {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.ok(call,
		soap.String("pstrSessionToken", sessionToken),
		soap.ElementParam("pSessionInfo", e.sessionInfo(login)),
		soap.String("pstrSecurityToken", securityToken))
}

func (e *Emulator) countLogonFailure() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.stats.LogonFailures++
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

func (e *Emulator) writeEntities(call *soapCall) answer {
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
	for _, ent := range entities {
		s := ent.AttrOr("xtkschema", schema)
		if s == "" {
			return e.fault("SOAP-ENV:Client", executeFault(call.service, call.method), "XSV-350018 The document has no 'xtkschema' attribute.")
		}
		if s == "xtk:group" && ent.Name == "group" {
			if err := e.writeGroup(ent, call.fault); err != nil {
				return e.fault("SOAP-ENV:Server", executeFault("xtk:persist", call.method), err.Error())
			}
			continue
		}
		if s != "nms:extAccount" || ent.Name != "extAccount" {
			return e.fault("SOAP-ENV:Client", executeFault(call.service, call.method),
				fmt.Sprintf("XSV-350017 Schema '%s' is not available on this instance (emulator: nms:extAccount and xtk:group can be written).", s))
		}
		rec := entityRecord(ent)
		for _, a := range e.cfg.Profile.MissingAccountAttributes {
			delete(rec, a) // Campaign ignores what its schema does not have
		}
		if f := call.fault; f != nil && f.Kind == FaultWriteAlters {
			if f.Value == "" {
				delete(rec, f.Attribute)
			} else {
				rec[f.Attribute] = f.Value
			}
		}
		if err := e.store.write(ent.AttrOr("_operation", "insertOrUpdate"), writeKeys(ent, rec), rec); err != nil {
			return e.fault("SOAP-ENV:Server", executeFault("xtk:persist", call.method), err.Error())
		}
	}
	return e.ok(call)
}

func splitPackageID(id string) (namespace, name string) {
	ns, n, _ := strings.Cut(id, ":")
	return ns, n
}

// installPackages implements InstallVendorPackages (standard packages of the
// catalog, listed as <package namespace= name=/> anywhere in the parameter)
// and InstallPackage (a package document whose nms:extAccount entities are
// written, and which is then listed as installed).
func (e *Emulator) installPackages(call *soapCall, withEntities bool) answer {
	params := call.req.XML(1)
	var ids []string
	var packages []*soap.Element
	var walk func(el *soap.Element)
	walk = func(el *soap.Element) {
		if el == nil {
			return
		}
		if el.Name == "package" {
			packages = append(packages, el)
			return
		}
		for _, c := range el.Children {
			walk(c)
		}
	}
	walk(params)
	for _, p := range packages {
		ns, name := p.AttrOr("namespace", ""), p.AttrOr("name", "")
		if ns == "" {
			ns, name = splitPackageID(name)
		}
		if ns == "" || name == "" {
			return e.fault("SOAP-ENV:Client", readParamsFault(call.service, call.method), "Each <package> needs a namespace and a name.")
		}
		ids = append(ids, ns+":"+name)
	}
	if len(ids) == 0 {
		return e.fault("SOAP-ENV:Client", readParamsFault(call.service, call.method), "No <package> to install.")
	}
	if !withEntities {
		for _, id := range ids {
			if !e.inCatalog(id) {
				return e.fault("SOAP-ENV:Server", executeFault(call.service, call.method),
					fmt.Sprintf("XSV-350060 '%s' is not a standard package of this build.", id))
			}
		}
	}
	if d := e.cfg.InstallDuration; d > 0 {
		select {
		case <-time.After(d):
		case <-call.http.Context().Done():
			return e.fault("SOAP-ENV:Server", executeFault(call.service, call.method), "Installation interrupted.")
		}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	for i, id := range ids {
		if withEntities {
			for _, group := range packages[i].ChildrenNamed("entities") {
				for _, ent := range group.Children {
					if ent.Name != "extAccount" {
						continue
					}
					rec := entityRecord(ent)
					if err := e.store.write("insertOrUpdate", writeKeys(ent, rec), rec); err != nil {
						return e.fault("SOAP-ENV:Server", executeFault(call.service, call.method), err.Error())
					}
				}
			}
		}
		e.store.installed[id] = true
	}
	if err := e.store.save(); err != nil {
		return e.fault("SOAP-ENV:Server", executeFault(call.service, call.method), err.Error())
	}
	return e.ok(call)
}

func (e *Emulator) inCatalog(id string) bool {
	for _, p := range e.cfg.Catalog {
		if p.ID == id {
			return true
		}
	}
	return false
}

// packageLabel is the catalog label of a package, or its id.
func (e *Emulator) packageLabel(id string) string {
	for _, p := range e.cfg.Catalog {
		if p.ID == id {
			return p.Label
		}
	}
	return id
}
