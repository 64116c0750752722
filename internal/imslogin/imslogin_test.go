package imslogin

import (
	"slices"
	"strings"
	"testing"
)

func TestLogin(t *testing.T) {
	for _, c := range Cases() {
		t.Run(c.Name, func(t *testing.T) {
			got := Login(c.Instance, c.Profiles)
			if got.Admitted != c.Admitted || !slices.Equal(got.Groups, orEmpty(c.Groups)) || !slices.Equal(got.NamedRights, orEmpty(c.NamedRights)) ||
				got.ControlPanel != c.ControlPanel {
				t.Fatalf("got %+v", got)
			}
			if c.Admitted != (got.Reason == "") {
				t.Fatalf("reason %q for admitted = %v", got.Reason, c.Admitted)
			}
			for _, phrase := range c.Reason {
				if !strings.Contains(got.Reason, phrase) {
					t.Errorf("the reason lacks %q: %s", phrase, got.Reason)
				}
			}
			if !c.Admitted && !strings.HasPrefix(got.Reason, ErrNoMatchingRight) {
				t.Errorf("a refusal does not start with Campaign's message: %s", got.Reason)
			}
			if len(got.Profiles) != len(c.Profiles) {
				t.Errorf("profiles: %+v", got.Profiles)
			}
		})
	}
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
