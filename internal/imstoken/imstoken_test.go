package imstoken_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/ims"
	"github.com/acc-terraform/terraform-provider-campaign/internal/httpclient"
	"github.com/acc-terraform/terraform-provider-campaign/internal/imstoken"
)

func TestFetch(t *testing.T) {
	iss := ims.NewIssuer(2*time.Hour, ims.Client{ID: "c1", Secret: "secret-never-shown", Scopes: []string{"openid", "AdobeID", "user_management_sdk"}})
	mux := http.NewServeMux()
	mux.Handle("POST /ims/token/", iss)
	mux.HandleFunc("POST /moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "https://elsewhere.example/ims/token/v3?x=1", http.StatusTemporaryRedirect)
	})
	mux.HandleFunc("POST /echo", func(w http.ResponseWriter, r *http.Request) { // a proxy page that echoes the form
		_ = r.ParseForm()
		http.Error(w, "no route for client_secret="+r.PostForm.Get("client_secret"), http.StatusNotFound)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	rc, err := httpclient.New(httpclient.Options{MaxRetries: -1, Policy: httpclient.Policy{WaitMin: time.Millisecond, WaitMax: time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	hc := httpclient.Standard(rc)
	cred := imstoken.Credentials{ClientID: "c1", ClientSecret: "secret-never-shown", Scopes: []string{"openid", "AdobeID", "user_management_sdk"}}

	for _, version := range []string{"v2", "v3"} { // v2 answers expires_in in ms: the claims say when
		cred.TokenURL = srv.URL + "/ims/token/" + version
		tok, err := imstoken.Fetch(context.Background(), hc, cred)
		if err != nil {
			t.Fatalf("%s: %v", version, err)
		}
		if left := time.Until(tok.Expiry); left < 119*time.Minute || left > 121*time.Minute {
			t.Errorf("%s: expiry in %v, want 2h", version, left)
		}
		if g, ok := iss.Check(tok.AccessToken); !ok || strings.Join(g.Scopes, ",") != "openid,AdobeID,user_management_sdk" {
			t.Errorf("%s: grant %+v (scopes must be sent comma-joined)", version, g)
		}
	}

	cred.TokenURL = srv.URL + "/ims/token/v3"
	wrong := cred
	wrong.ClientSecret = "wrong-secret"
	_, err = imstoken.Fetch(context.Background(), hc, wrong)
	var refused *imstoken.RefusedError
	if !errors.As(err, &refused) || refused.StatusCode != 400 || refused.Code != "invalid_client" || refused.URL != cred.TokenURL {
		t.Errorf("wrong secret: %v", err)
	}
	scoped := cred
	scoped.Scopes = []string{"openid", "ims_org"}
	if _, err = imstoken.Fetch(context.Background(), hc, scoped); !errors.As(err, &refused) || refused.Code != "invalid_scope" {
		t.Errorf("scope not granted: %v", err)
	}

	moved := cred
	moved.TokenURL = srv.URL + "/moved"
	_, err = imstoken.Fetch(context.Background(), hc, moved)
	var redirect *imstoken.RedirectError
	if !errors.As(err, &redirect) || redirect.Location != "https://elsewhere.example/ims/token/v3" {
		t.Errorf("redirect: %v", err)
	}

	dead := cred
	dead.TokenURL = "http://127.0.0.1:1/ims/token/v3"
	var transport *imstoken.TransportError
	if _, err = imstoken.Fetch(context.Background(), hc, dead); !errors.As(err, &transport) || transport.URL != dead.TokenURL || transport.Attempts < 1 {
		t.Errorf("dead endpoint: %v", err)
	}
	echo := cred
	echo.TokenURL = srv.URL + "/echo"
	var status *imstoken.StatusError
	if _, err := imstoken.Fetch(context.Background(), hc, echo); !errors.As(err, &status) || status.URL != echo.TokenURL || status.StatusCode != 404 ||
		!strings.Contains(status.Body, "client_secret=***") {
		t.Errorf("an answer without a token: %v", err)
	}
	for _, e := range []error{err, refused, redirect, status} {
		if e != nil && strings.Contains(e.Error(), "secret-never-shown") {
			t.Errorf("an error shows the secret: %v", e)
		}
	}
}
