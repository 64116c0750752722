package campaign_test

import (
	"slices"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
)

// TestClosest: a typo gets its fix first; names far from every wanted one
// are no suggestion; at most n.
func TestClosest(t *testing.T) {
	defined := []string{"admin", "centralLocal", "editContent", "prepareDelivery", "report", "startDelivery", "workflow"}
	for _, tc := range []struct {
		wanted []string
		want   []string
	}{
		{[]string{"reprot"}, []string{"report"}},
		{[]string{"prepareDelivry"}, []string{"prepareDelivery"}},
		{[]string{"StartDelivery"}, []string{"startDelivery"}}, // case ignored
		{[]string{"xyzzy"}, nil},                               // nothing close: no suggestion
		{[]string{"reprot", "workflw"}, []string{"workflow", "report"}},
		{[]string{"delivery"}, nil}, // a word inside a name is not a typo of it
	} {
		if got := campaign.Closest(tc.wanted, defined, 3); !slices.Equal(got, tc.want) {
			t.Errorf("closest(%v) = %v, want %v", tc.wanted, got, tc.want)
		}
	}
}

// TestUndefinedRightErrorSuggestsNothing: the error names the rights; the
// suggestion is the caller's to give, once.
func TestUndefinedRightErrorSuggestsNothing(t *testing.T) {
	err := &campaign.UndefinedRightError{Rights: []string{"reprot"}, Closest: []string{"report"}}
	if got := err.Error(); got != "the instance does not define the named right(s) reprot" {
		t.Fatalf("Error() = %q", got)
	}
}
