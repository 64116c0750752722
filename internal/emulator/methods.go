package emulator

import (
	"fmt"
	"net/http"
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
	case res == authSessionInvalid && e.cfg.Profile.SessionExpiryBare:
		return bareText(http.StatusUnauthorized, faultSessionExpired)
	case res == authSessionInvalid && e.cfg.Profile.RouterChecksMethodFirst:
		return e.fault("SOAP-ENV:Client", readParamsFault(call.service, call.method), faultSessionExpired)
	case res == authSessionInvalid:
		return e.fault("SOAP-ENV:Client", faultSessionExpired, "")
	case res == authBearerInvalid && e.cfg.AdobeURL != "":
		var refusal answer
		var ok bool
		if login, refusal, ok = e.bearerPrincipal(call, creds.bearer); !ok {
			return refusal
		}
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
		return func(call *soapCall, _ credentials, login string) answer { return e.writeEntities(call, login) }
	case "xtk:session#Write", "xtk:session#WriteCollection", "xtk:session#GetEntityIfMoreRecent":
		// Campaign runs these as xtk:persist interface methods only: on
		// xtk:session a real 7.4 answers SOP-330024 (CAMPAIGN_API.md).
		return func(call *soapCall, _ credentials, _ string) answer {
			return e.fault("SOAP-ENV:Client", executeFault(call.service, call.method),
				fmt.Sprintf("SOP-330024 Unspecified function library ('library' attribute) for JavaScript SOAP call '%s' in schema '%s'.", call.method, call.service))
		}
	case ActionGetEntityIfMoreRecent:
		return func(call *soapCall, _ credentials, _ string) answer {
			doc := e.schemaDocument(call.req.Text(1))
			if doc == nil && strings.TrimSpace(call.req.Text(3)) == "true" {
				return e.fault("SOAP-ENV:Client", executeFault(call.service, call.method),
					fmt.Sprintf("XSV-350017 Entity '%s' does not exist.", call.req.Text(1)))
			}
			return e.ok(call, soap.ElementParam("pdomDoc", doc))
		}
	case ActionExecuteQuery:
		return func(call *soapCall, _ credentials, _ string) answer {
			e.mu.Lock()
			out, err := e.executeQuery(call.req.XML(1))
			e.mu.Unlock()
			if err != nil {
				return e.fault("SOAP-ENV:Client", executeFault(call.service, call.method), err.Error())
			}
			return e.ok(call, soap.ElementParam("pdomOutput", out))
		}
	case ActionInstallVendorPackages, "xtk:builder#InstallPackage":
		return func(call *soapCall, _ credentials, login string) answer {
			return e.installPackages(call, login, key == "xtk:builder#InstallPackage")
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
			return bareText(status, "XSV-350012 Invalid login or password. Connection denied.")
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
