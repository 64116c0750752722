package adobe

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/imstoken"
)

// org is an organization with a profile held directly and through a user
// group, and a technical account holding one profile.
func org(t *testing.T) *httptest.Server {
	t.Helper()
	e := New(Config{
		ProductProfiles: []ProductProfile{
			{Name: "Campaign - acme - admin", Members: []string{"ann@acme.example"}},
			{Name: "Campaign - acme - integrations"},
		},
		UserGroups:        []UserGroup{{Name: "Marketing", Profiles: []string{"Campaign - acme - admin"}, Members: []string{"bob@acme.example"}}},
		TechnicalAccounts: []TechnicalAccount{{ClientID: "api-client", ClientSecret: "api-secret", Profiles: []string{"Campaign - acme - integrations"}}},
		PageSize:          2,
	})
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	return srv
}

func token(t *testing.T, srv *httptest.Server, id, secret, scope string) (string, int) {
	t.Helper()
	resp, err := http.PostForm(srv.URL+"/ims/token/v3", url.Values{"grant_type": {"client_credentials"}, "client_id": {id}, //nolint:noctx // test
		"client_secret": {secret}, "scope": {scope}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		AccessToken string `json:"access_token"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return out.AccessToken, resp.StatusCode
}

// answer is what a GET answered: its status, headers and body.
type answer struct {
	StatusCode int
	Header     http.Header
}

func get(t *testing.T, srv *httptest.Server, path, tok, apiKey string) (answer, []byte) {
	t.Helper()
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("X-Api-Key", apiKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return answer{resp.StatusCode, resp.Header}, body
}

// TestUMAPIAnswersAsDocumented: the users list carries groupName and the
// paging headers (X-Page-Size the entries of this page), users' groups
// name user groups too and unpopulated fields are left out; a missing group
// and a missing user answer the documented 404 body; a 403 has an empty
// body; a technical account counts in its profile's memberCount and is
// never listed among users.
func TestUMAPIAnswersAsDocumented(t *testing.T) {
	srv := org(t)
	tok, _ := token(t, srv, DefaultClientID, DefaultClientSecret, "openid,AdobeID,user_management_sdk")
	resp, body := get(t, srv, "/v2/usermanagement/users/"+DefaultOrgID+"/0/Campaign - acme - admin", tok, DefaultClientID)
	var users struct {
		GroupName string           `json:"groupName"`
		LastPage  bool             `json:"lastPage"`
		Users     []map[string]any `json:"users"`
	}
	if err := json.Unmarshal(body, &users); err != nil || resp.StatusCode != 200 {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	if users.GroupName != "Campaign - acme - admin" || len(users.Users) != 2 || resp.Header.Get("X-Total-Count") != "2" ||
		resp.Header.Get("X-Page-Count") != "1" || resp.Header.Get("X-Page-Size") != "2" {
		t.Fatalf("users list: %s, headers %v", body, resp.Header)
	}
	if _, has := users.Users[1]["lastname"]; has || !strings.Contains(string(body), `"groups":["Marketing"]`) {
		t.Errorf("bob's entry: %v (want his user group in groups, no lastname)", users.Users[1])
	}
	resp, body = get(t, srv, "/v2/usermanagement/users/"+DefaultOrgID+"/0/Campaign - acme - integrations", tok, DefaultClientID)
	if !strings.Contains(string(body), `"users":[]`) || resp.Header.Get("X-Page-Size") != "0" {
		t.Errorf("the technical account is listed among users: %s", body)
	}
	_, body = get(t, srv, "/v2/usermanagement/groups/"+DefaultOrgID+"/0", tok, DefaultClientID)
	if !strings.Contains(string(body), `"groupName":"Campaign - acme - integrations","type":"PRODUCT_PROFILE","productName":"Adobe Campaign","licenseQuota":"UNLIMITED","memberCount":1`) {
		t.Errorf("the technical account does not count in its profile's memberCount: %s", body)
	}
	resp, body = get(t, srv, "/v2/usermanagement/users/"+DefaultOrgID+"/0/Nope", tok, DefaultClientID)
	if resp.StatusCode != 404 || strings.TrimSpace(string(body)) != `{"lastPage":false,"message":"Not found: Group Nope","result":"error.group.not_found"}` {
		t.Errorf("missing group: %d %s", resp.StatusCode, body)
	}
	resp, body = get(t, srv, "/v2/usermanagement/organizations/"+DefaultOrgID+"/users/BOB@acme.example", tok, DefaultClientID)
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"email":"bob@acme.example"`) || !strings.Contains(string(body), `"groups":["Marketing"]`) {
		t.Errorf("get user: %d %s", resp.StatusCode, body)
	}
	resp, _ = get(t, srv, "/v2/usermanagement/organizations/"+DefaultOrgID+"/users/"+TechnicalAccountEmail("api-client"), tok, DefaultClientID)
	if resp.StatusCode != 404 {
		t.Errorf("get user of a technical account: %d, want 404", resp.StatusCode)
	}
	resp, body = get(t, srv, "/v2/usermanagement/groups/"+DefaultOrgID+"/0", tok, "another-key")
	if resp.StatusCode != 403 || len(body) != 0 {
		t.Errorf("a wrong API key: %d %q, want 403 with an empty body", resp.StatusCode, body)
	}
}

// TestTechnicalAccounts: IMS issues a technical account's tokens for any
// scope but the User Management API's, and /ims/profile/v1 answers its email
// and profiles.
func TestTechnicalAccounts(t *testing.T) {
	srv := org(t)
	if _, status := token(t, srv, "api-client", "api-secret", "openid,AdobeID,user_management_sdk"); status != 400 {
		t.Fatalf("a technical account got user_management_sdk: %d", status)
	}
	tok, status := token(t, srv, "api-client", "api-secret", "openid,AdobeID,additional_info.projectedProductContext")
	if status != 200 {
		t.Fatalf("token: %d", status)
	}
	resp, body := get(t, srv, "/ims/profile/v1", tok, "")
	p, err := imstoken.ParseProfile(body)
	if resp.StatusCode != 200 || err != nil || p.Email != TechnicalAccountEmail("api-client") ||
		!slices.Equal(p.Profiles, []string{"Campaign - acme - integrations"}) || !strings.HasSuffix(p.Email, "@techacct.adobe.com") {
		t.Fatalf("profile: %d %s (%+v, %v)", resp.StatusCode, body, p, err)
	}
	if resp, _ := get(t, srv, "/ims/profile/v1", "not-a-token", ""); resp.StatusCode != 401 {
		t.Fatalf("profile of an unknown token: %d", resp.StatusCode)
	}
}
