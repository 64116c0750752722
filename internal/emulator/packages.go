package emulator

import (
	"fmt"
	"strings"
	"time"

	"github.com/acc-terraform/terraform-provider-campaign/internal/soap"
)

// packageTable is xtk:package, the installed packages: queried only
// (InstallVendorPackages and InstallPackage install them, below). Its
// attribute names are the emulator's (CAMPAIGN_API.md: not public).
func packageTable() table {
	return table{
		schema: "xtk:package", element: "package",
		document: func(*Emulator) string { return xtkPackageSchema },
		rows: func(e *Emulator) []record {
			var rows []record
			for _, id := range e.store.installedList() {
				ns, name := splitPackageID(id)
				rows = append(rows, record{"namespace": ns, "name": name, "label": e.packageLabel(id)})
			}
			return rows
		},
	}
}

const xtkPackageSchema = `<schema namespace="xtk" name="package" label="Installed packages" labelSingular="Package">
<element name="package" label="Installed packages">
<attribute name="namespace" type="string" label="Namespace"/>
<attribute name="name" type="string" label="Name"/>
<attribute name="label" type="string" label="Label"/>
</element>
</schema>`

func splitPackageID(id string) (namespace, name string) {
	ns, n, _ := strings.Cut(id, ":")
	return ns, n
}

// installPackages implements InstallVendorPackages (standard packages of the
// catalog, listed as <package namespace= name=/> anywhere in the parameter)
// and InstallPackage (a package document whose nms:extAccount entities are
// written, and which is then listed as installed).
func (e *Emulator) installPackages(call *soapCall, login string, withEntities bool) answer {
	e.mu.Lock()
	allowed := e.mayWrite(login)
	e.mu.Unlock()
	if !allowed {
		return e.missingRightFault(call.method, login, "installing a package")
	}
	packages := packagesIn(call.req.XML(1))
	var ids []string
	for _, pkg := range packages {
		ns, name := pkg.AttrOr("namespace", ""), pkg.AttrOr("name", "")
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
	if !e.waitInstall(call) {
		return e.fault("SOAP-ENV:Server", executeFault(call.service, call.method), "Installation interrupted.")
	}
	if err := e.install(ids, packages, withEntities, call.fault); err != nil {
		return e.fault("SOAP-ENV:Server", executeFault(call.service, call.method), err.Error())
	}
	return e.ok(call)
}

// packagesIn are the <package> elements anywhere in the parameter.
func packagesIn(params *soap.Element) []*soap.Element {
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
	return packages
}

// waitInstall waits the configured installation time; false when the
// caller gave up first.
func (e *Emulator) waitInstall(call *soapCall) bool {
	if d := e.cfg.InstallDuration; d > 0 {
		select {
		case <-time.After(d):
		case <-call.http.Context().Done():
			return false
		}
	}
	return true
}

// install lists the packages as installed, after writing the nms:extAccount
// entities of InstallPackage's documents (the write of every path).
func (e *Emulator) install(ids []string, packages []*soap.Element, withEntities bool, fault *FaultRule) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	for i, id := range ids {
		if withEntities {
			for _, group := range packages[i].ChildrenNamed("entities") {
				for _, ent := range group.Children {
					if ent.Name != "extAccount" {
						continue
					}
					if err := e.writeEntity(e.tables["nms:extAccount"], ent, fault); err != nil {
						return err
					}
				}
			}
		}
		e.store.installed[id] = true
	}
	return e.store.save()
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
