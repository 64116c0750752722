package emulator

import (
	"strconv"
	"strings"

	"github.com/acc-terraform/terraform-provider-campaign/internal/soap"
)

// Schemas answered by GetEntityIfMoreRecent("xtk:schema|<id>"): what the
// official SDK needs to build its calls, and the nms:extAccount enumerations a
// client reads to discover the Adobe Experience Cloud account type.
const xtkSessionSchema = `<schema namespace="xtk" name="session" implements="xtk:persist">
<interface name="persist">
<method name="Write" static="true"><parameters><param name="doc" type="DOMDocument"/></parameters></method>
<method name="WriteCollection" static="true"><parameters><param name="doc" type="DOMDocument"/></parameters></method>
<method name="GetEntityIfMoreRecent" static="true"><parameters><param name="pk" type="string"/><param name="md5" type="string"/><param name="mustExist" type="boolean"/><param inout="out" name="doc" type="DOMDocument"/></parameters></method>
</interface>
<element name="session"/>
<methods>
<method name="Logon" static="true"><parameters><param name="login" type="string"/><param name="password" type="string"/><param name="parameters" type="DOMElement"/><param inout="out" name="sessionToken" type="string"/><param inout="out" name="sessionInfo" type="DOMElement"/><param inout="out" name="securityToken" type="string"/></parameters></method>
<method name="BearerTokenLogon" static="true"><parameters><param name="bearerToken" type="string"/><param inout="out" name="sessionToken" type="string"/><param inout="out" name="sessionInfo" type="DOMElement"/><param inout="out" name="securityToken" type="string"/></parameters></method>
<method name="Logoff" static="true"/>
<method name="GetUserInfo" static="true"><parameters><param inout="out" name="userInfo" type="DOMElement"/></parameters></method>
<method name="GetOption" static="true"><parameters><param name="name" type="string"/><param inout="out" name="value" type="string"/><param inout="out" name="type" type="byte"/></parameters></method>
<method name="EncryptPassword" static="true"><parameters><param name="password" type="string"/><param inout="out" name="encrypted" type="string"/></parameters></method>
</methods>
</schema>`

const xtkQueryDefSchema = `<schema name="queryDef" namespace="xtk">
<element name="queryDef"></element>
<methods>
<method const="true" name="ExecuteQuery"><parameters><param desc="Output XML document" inout="out" name="output" type="DOMDocument"/></parameters></method>
</methods>
</schema>`

const xtkBuilderSchema = `<schema name="builder" namespace="xtk">
<element name="builder"/>
<methods>
<method name="InstallPackage" static="true"><parameters><param name="parameters" type="DOMElement"/></parameters></method>
<method name="InstallVendorPackages" static="true"><parameters><param name="parameters" type="DOMElement"/></parameters></method>
</methods>
</schema>`

// sessionInfo builds the <sessionInfo> answered by Logon; userInfo is also
// the answer of GetUserInfo. Caller holds e.mu.
func (e *Emulator) sessionInfo(login string) *soap.Element {
	server := soap.NewElement("serverInfo",
		"advisedClientBuildNumber", "0", "allowSQL", "false", "buildNumber", BuildNumber,
		"commitId", "e1e1e1e", "databaseId", "u0000000000000000E0000000000000E0000000000",
		"defaultNameSpace", "cus", "fohVersion", "2", "instanceName", e.cfg.InstanceName,
		"majNumber", "8", "minClientBuildNumber", "9000", "minNumber", "7", "minNumberTechnical", "0",
		"releaseName", Version, "securityTimeOut", strconv.Itoa(int(e.cfg.SessionTTL.Seconds())),
		"serverDate", "", "servicePack", servicePack(), "sessionTimeOut", strconv.Itoa(int(e.cfg.SessionTTL.Seconds())),
		"useVault", "false")
	return soap.NewElement("sessionInfo").Add(server, e.userInfo(login, true))
}

// userInfo lists the operator and, as the SDK expects, the installed
// packages when withPackages. Caller holds e.mu.
func (e *Emulator) userInfo(login string, withPackages bool) *soap.Element {
	op := e.store.ensureOperator(login, authenticationOf(login))
	ui := soap.NewElement("userInfo", "datakitInDatabase", "true", "homeDir", "", "instanceLocale", "en",
		"locale", "en", "login", login, "loginCS", op["label"]+" ("+login+")", "loginId", op["id"], "noConsoleCnx", "false",
		"orgUnitId", "0", "theme", "", "timezone", "Europe/Paris")
	for _, g := range e.store.groupsOf(login) {
		ui.Add(soap.NewElement("login-group", "id", e.store.groups[e.store.groupIndex(g)]["id"]))
	}
	for _, r := range e.store.effectiveRights(login) {
		ui.Add(soap.NewElement("login-right", "right", r))
	}
	if !withPackages {
		return ui
	}
	for _, id := range e.store.installedList() {
		ns, name := splitPackageID(id)
		ui.Add(soap.NewElement("installed-package", "name", name, "namespace", ns))
	}
	return ui
}

// servicePack is the third number of the version, as real answers give it.
func servicePack() string {
	parts := strings.Split(Version, ".")
	return parts[len(parts)-1]
}
