package emulator

import (
	"fmt"
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

// schemaDocument returns the schema for a GetEntityIfMoreRecent primary key, or nil.
func (e *Emulator) schemaDocument(pk string) *soap.Element {
	var src string
	switch pk {
	case "xtk:schema|xtk:session":
		src = xtkSessionSchema
	case "xtk:schema|xtk:queryDef":
		src = xtkQueryDefSchema
	case "xtk:schema|xtk:builder":
		src = xtkBuilderSchema
	case "xtk:schema|nms:extAccount":
		src = extAccountSchema(e.cfg.AccountType, e.cfg.Profile)
	case "xtk:schema|xtk:group":
		src = groupSchema(e.cfg.NamedRights, e.cfg.Profile)
	case "xtk:schema|xtk:operatorGroup":
		src = xtkOperatorGroupSchema
	default:
		return nil
	}
	el, err := soap.ParseString(src)
	if err != nil {
		panic("emulator schema does not parse: " + err.Error()) // a bug in the constants above
	}
	return el
}

// sessionInfo builds the <sessionInfo> answered by Logon; userInfo is also
// the answer of GetUserInfo. Caller holds e.mu.
func (e *Emulator) sessionInfo(login string) *soap.Element {
	server := soap.NewElement("serverInfo",
		"advisedClientBuildNumber", "0", "allowSQL", "false", "buildNumber", BuildNumber,
		"commitId", "e1e1e1e", "databaseId", "u0000000000000000E0000000000000E0000000000",
		"defaultNameSpace", "cus", "fohVersion", "2", "instanceName", e.cfg.InstanceName,
		"majNumber", "8", "minClientBuildNumber", "9000", "minNumber", "7", "minNumberTechnical", "0",
		"releaseName", Version, "securityTimeOut", strconv.Itoa(int(e.cfg.SessionTTL.Seconds())),
		"serverDate", "", "servicePack", "0", "sessionTimeOut", strconv.Itoa(int(e.cfg.SessionTTL.Seconds())),
		"useVault", "false")
	return soap.NewElement("sessionInfo").Add(server, e.userInfo(login, true))
}

// userInfo lists the operator and, as the SDK expects, the installed
// packages when withPackages. Caller holds e.mu.
func (e *Emulator) userInfo(login string, withPackages bool) *soap.Element {
	ui := soap.NewElement("userInfo", "datakitInDatabase", "true", "homeDir", "", "instanceLocale", "en",
		"locale", "en", "login", login, "loginCS", login, "loginId", "1059", "noConsoleCnx", "false",
		"orgUnitId", "0", "theme", "", "timezone", "Europe/Paris")
	ui.Add(soap.NewElement("login-group", "id", "1060"), soap.NewElement("login-right", "right", "admin"))
	if !withPackages {
		return ui
	}
	for _, id := range e.store.installedList() {
		ns, name := splitPackageID(id)
		ui.Add(soap.NewElement("installed-package", "name", name, "namespace", ns))
	}
	return ui
}
