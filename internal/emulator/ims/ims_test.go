package ims

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestTokenEndpointAnswersAsIMSDoes(t *testing.T) {
	iss := NewIssuer(24*time.Hour, Client{ID: "c1", Secret: "s1", Scopes: []string{"openid", "AdobeID", "user_management_sdk"}})
	srv := httptest.NewServer(iss)
	defer srv.Close()

	urlencoded := func(v url.Values) (string, *bytes.Buffer) {
		return "application/x-www-form-urlencoded", bytes.NewBufferString(v.Encode())
	}
	multipartBody := func(v url.Values) (string, *bytes.Buffer) { // as @adobe/aio-lib-ims sends it
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		for k := range v {
			_ = mw.WriteField(k, v.Get(k))
		}
		_ = mw.Close()
		return mw.FormDataContentType(), &b
	}
	queryOnly := func(url.Values) (string, *bytes.Buffer) { return "application/x-www-form-urlencoded", &bytes.Buffer{} }
	good := url.Values{"grant_type": {"client_credentials"}, "client_id": {"c1"}, "client_secret": {"s1"}, "scope": {"openid,AdobeID,user_management_sdk"}}
	tests := []struct {
		name      string
		path      string
		body      func(url.Values) (string, *bytes.Buffer)
		form      url.Values
		status    int
		expiresIn int64
		errCode   string
	}{
		{"v3, url-encoded", "/ims/token/v3", urlencoded, good, 200, 86400, ""},
		{"v2, multipart (Adobe's Node client)", "/ims/token/v2", multipartBody, good, 200, 86400, ""},
		{"v2/ with a trailing slash (Adobe's UMAPI Python client)", "/ims/token/v2/", urlencoded, good, 200, 86400, ""},
		{"v4", "/ims/token/v4", urlencoded, good, 200, 86400, ""},
		{"parameters in the query string (UMAPI's docs)", "/ims/token/v2?" + good.Encode(), queryOnly, good, 200, 86400, ""},
		{"wrong secret", "/ims/token/v3", urlencoded, with(good, "client_secret", "nope"), 400, 0, "invalid_client: invalid client_secret parameter"},
		{"unknown client", "/ims/token/v3", urlencoded, with(good, "client_id", "c2"), 400, 0, "invalid_client: invalid client_id parameter"},
		{"scope not granted", "/ims/token/v3", urlencoded, with(good, "scope", "openid,ims_org"), 400, 0, "invalid_scope"},
		{"other grant", "/ims/token/v3", urlencoded, with(good, "grant_type", "password"), 400, 0, "unsupported_grant_type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ct, body := tt.body(tt.form)
			resp, err := http.Post(srv.URL+tt.path, ct, body) //nolint:noctx // test
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var out struct {
				AccessToken string `json:"access_token"`
				ExpiresIn   int64  `json:"expires_in"`
				Error       string `json:"error"`
				Description string `json:"error_description"`
			}
			_ = json.NewDecoder(resp.Body).Decode(&out)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %v", resp.StatusCode, tt.status, out)
			}
			if tt.errCode != "" {
				if got := strings.TrimSuffix(out.Error+": "+out.Description, ": "); got != tt.errCode && out.Error != tt.errCode {
					t.Fatalf("error = %v, want %s", out.Error, tt.errCode)
				}
				return
			}
			if got := out.ExpiresIn; got != tt.expiresIn {
				t.Errorf("expires_in = %d, want %d", got, tt.expiresIn)
			}
			tok := out.AccessToken
			parts := strings.Split(tok, ".")
			if len(parts) != 3 {
				t.Fatalf("token is not JWT-shaped: %q", tok)
			}
			raw, err := base64.RawURLEncoding.DecodeString(parts[1])
			if err != nil {
				t.Fatal(err)
			}
			var claims map[string]string
			if err := json.Unmarshal(raw, &claims); err != nil {
				t.Fatal(err)
			}
			created, _ := strconv.ParseInt(claims["created_at"], 10, 64)
			life, _ := strconv.ParseInt(claims["expires_in"], 10, 64)
			if claims["type"] != "access_token" || claims["client_id"] != "c1" || life != 86400000 ||
				time.Since(time.UnixMilli(created)) > time.Minute {
				t.Errorf("claims = %v", claims)
			}
			if g, ok := iss.Check(tok); !ok || g.ClientID != "c1" || len(g.Scopes) != 3 {
				t.Errorf("Check = %+v, %v", g, ok)
			}
		})
	}
}

func with(v url.Values, k, val string) url.Values {
	out := url.Values{}
	for key := range v {
		out.Set(key, v.Get(key))
	}
	out.Set(k, val)
	return out
}
